using Onnx;

namespace NeuronAtlas.Onnx.Graph;

/// <summary>Reads and edits the attributes of a node.</summary>
public static class NodeAttributeExtensions
{
    public static AttributeProto? FindAttribute(this NodeProto node, string name) =>
        node.Attribute.FirstOrDefault(a => a.Name == name);

    public static bool HasAttribute(this NodeProto node, string name) => node.FindAttribute(name) is not null;

    public static long GetInt(this NodeProto node, string name, long defaultValue) =>
        node.FindAttribute(name)?.I ?? defaultValue;

    public static float GetFloat(this NodeProto node, string name, float defaultValue) =>
        node.FindAttribute(name)?.F ?? defaultValue;

    public static string GetString(this NodeProto node, string name, string defaultValue) =>
        node.FindAttribute(name)?.S.ToStringUtf8() ?? defaultValue;

    /// <summary>The attribute's integers, or null when the node does not have it.</summary>
    public static long[]? GetInts(this NodeProto node, string name) =>
        node.FindAttribute(name)?.Ints.ToArray();

    public static float[]? GetFloats(this NodeProto node, string name) =>
        node.FindAttribute(name)?.Floats.ToArray();

    /// <summary>Removes the attribute and returns it, or null when the node did not have it.</summary>
    public static AttributeProto? RemoveAttribute(this NodeProto node, string name)
    {
        var attribute = node.FindAttribute(name);
        if (attribute is not null) node.Attribute.Remove(attribute);
        return attribute;
    }

    /// <summary>Adds the attribute, replacing one of the same name.</summary>
    public static void SetAttribute(this NodeProto node, AttributeProto attribute)
    {
        node.RemoveAttribute(attribute.Name);
        node.Attribute.Add(attribute);
    }
}
