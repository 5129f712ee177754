using System;
using System.Linq;
using System.Numerics;
using RmsProp.Functional;
using RmsProp.Functional.Transforms;
using RmsProp.Laws;
using Xunit.Abstractions;

namespace RmsProp.Properties.Suite;

/// <summary>
/// The laws hold for RMSProp composed from pieces (<see cref="Compose.RmsProp{T}(RmsPropOptions)"/>), wrapped as a
/// pure step through the laws' public API only: the law's options are run in Optax's operation order, the laws'
/// buffers become the chain's state (square average, gradient average, trace) and back.
/// </summary>
public sealed class ComposedLawsTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_applicable_law_holds_for_the_composed_optimizer()
    {
        var implementation = new RmsPropImplementation("Compose.RmsProp (Optax pieces)", Step<float>, Step<double>)
            // Everything but decoupled weight decay: in Optax's order it is added before the momentum trace, so it is
            // carried by the buffer, which neither law 2's bound nor law 13's PyTorch-order reference (AdamW's
            // w *= 1 - lr*wd) describes.
            .Supporting(RmsPropSupport.Everything with { DecoupledWeightDecay = false });
        RmsPropLawReport report = RmsPropLaws.Check(implementation, new RmsPropLawSettings { Seed = RmsPropLawSettings.DefaultSeed });
        output.WriteLine($"seed {RmsPropLawSettings.DefaultSeed}");
        output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
        Assert.True(report.Results.Count(r => r.Verdict == RmsPropLawVerdict.Passed) >= 10, report.ToString());
    }

    private static RmsPropStepState<T> Step<T>(RmsPropOptions options, RmsPropStepState<T> state, T[] gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Chain<T> chain = Compose.RmsProp<T>(options.WithOperationOrder(OperationOrder.Optax));
        object[] pieces = chain.Pieces.Select(piece => (object)(piece switch
        {
            ScaleByRms<T> => new ScaleByRmsState<T>([.. state.SquareAverage], 0),
            ScaleByStdDev<T> => new ScaleByStdDevState<T>([.. state.GradientAverage], [.. state.SquareAverage], 0),
            Trace<T> => new TraceState<T>([.. state.MomentumBuffer]),
            ScaleByLearningRate<T> => new ScaleByScheduleState(0),
            _ => NoState.Instance,
        })).ToArray();

        (var updates, ChainState next) = chain.Update(gradient, new ChainState(pieces), state.Parameters);
        T[] square = (T[])state.SquareAverage.Clone(), average = (T[])state.GradientAverage.Clone(), buffer = (T[])state.MomentumBuffer.Clone();
        foreach (object piece in next)
        {
            switch (piece)
            {
                case ScaleByRmsState<T> rms:
                    square = [.. rms.Nu];
                    break;
                case ScaleByStdDevState<T> stdDev:
                    square = [.. stdDev.Nu];
                    average = [.. stdDev.Mu];
                    break;
                case TraceState<T> trace:
                    buffer = [.. trace.Trace];
                    break;
            }
        }

        return new RmsPropStepState<T>([.. RmsPropOptimizer.ApplyUpdates<T>(state.Parameters, updates.AsSpan())], square, average, buffer, (T[])state.Auxiliary.Clone());
    }
}
