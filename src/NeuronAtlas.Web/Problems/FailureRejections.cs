using NeuronAtlas.Onnx.Autodiff;

namespace NeuronAtlas.Web.Problems;

/// <summary>
/// The one mapping from what can go wrong in a live feature (lookup, typographic attack, search, visualization) to the
/// status and message the APIs and pages give: a <see cref="RequestRejectedException"/> as it is, a model file missing
/// from the models folder as 404, and a model op without a gradient rule as 422 naming the op. Anything else is a bug:
/// the APIs answer 500 and the pages log it and show a generic message.
/// </summary>
public static class FailureRejections
{
    /// <summary>The rejection <paramref name="failure"/> stands for; null for an unexpected failure.</summary>
    public static RequestRejectedException? AsRejection(this Exception failure) => failure switch
    {
        RequestRejectedException rejection => rejection,
        FileNotFoundException missing =>
            new(StatusCodes.Status404NotFound, "Model files missing", $"The model cannot be run: {missing.Message}"),
        MissingGradientRuleException noRule =>
            new(StatusCodes.Status422UnprocessableEntity, "Not differentiable",
                $"The model has a '{noRule.OpType}' op (node '{noRule.NodeName}') with no gradient rule, so it cannot be visualized."),
        _ => null,
    };
}
