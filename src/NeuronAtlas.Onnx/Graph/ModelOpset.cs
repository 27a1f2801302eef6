using Onnx;

namespace NeuronAtlas.Onnx.Graph;

/// <summary>Reads and writes the version of the default ONNX operator set a model imports.</summary>
public static class ModelOpset
{
    public static int Get(ModelProto model)
    {
        var entry = model.OpsetImport.FirstOrDefault(IsDefaultDomain)
            ?? throw new InvalidOperationException("The model does not import the default ONNX operator set.");
        return checked((int)entry.Version);
    }

    /// <summary>Sets the default-domain opset and raises the IR version to one that allows it.</summary>
    public static void Set(ModelProto model, int opset)
    {
        var entry = model.OpsetImport.FirstOrDefault(IsDefaultDomain);
        if (entry is null) model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        else entry.Version = opset;
        model.IrVersion = Math.Max(model.IrVersion, MinimumIrVersion(opset));
    }

    /// <summary>The lowest IR version whose ONNX release shipped the given opset.</summary>
    public static long MinimumIrVersion(int opset) => opset switch
    {
        <= 8 => 3,
        <= 10 => 5,
        <= 12 => 7,
        <= 14 => 7,
        <= 18 => 8,
        <= 20 => 9,
        _ => 10,
    };

    private static bool IsDefaultDomain(OperatorSetIdProto entry) => entry.Domain is "" or "ai.onnx";
}
