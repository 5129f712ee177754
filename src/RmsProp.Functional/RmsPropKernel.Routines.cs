#if NET9_0_OR_GREATER
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Threading;

namespace RmsProp.Functional;

/// <summary>
/// The compiled loops by option set: the variant and vector width are chosen once per option set, and every later
/// call with the same options is one indirect call to the loop compiled for them.
/// </summary>
/// <remarks>
/// <see cref="Variants.Dispatch"/> turns eleven flags into a type through eleven nested generic calls. That is cheap
/// once, but a model of a thousand small tensors pays it per tensor and per pass, and a step of 10^3 coordinates
/// takes ~0.1 us of arithmetic; the table below pays it once per option set and process.
/// </remarks>
internal static partial class RmsPropKernel
{
    /// <summary>
    /// Below this many coordinates a range runs from its first coordinate; from it on, the first few coordinates run
    /// in narrower vectors (<see cref="Remainder"/>) until the output is on a 64-byte boundary, so that no vector load
    /// or store of the output (nor of the other arrays, which the allocator places at the same offset) straddles two
    /// cache lines. The head costs more than it saves on ranges that stay in L1, and aligning from 64 coordinates on
    /// did not speed up the multi-tensor step of 10^3-float tensors (whose other arrays sit at other offsets).
    /// </summary>
    private const int AlignFrom = 4_096;

    private static unsafe bool VectorUpdate<T>(in Coefficients<T> c, in Pointers<T> p, bool addParameters, bool streaming, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ((delegate*<in Coefficients<T>, in Pointers<T>, int, int, bool>)UpdateRoutine(c, addParameters, streaming))(c, p, start, end);

    private static unsafe bool VectorScan<T>(in Coefficients<T> c, in Pointers<T> p, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ((delegate*<in Coefficients<T>, in Pointers<T>, int, int, bool>)ScanRoutine(c))(c, p, start, end);

    /// <summary>The address of the update loop compiled for <paramref name="c"/>'s options: a <c>delegate*&lt;in Coefficients&lt;T&gt;, in Pointers&lt;T&gt;, int, int, bool&gt;</c>.</summary>
    /// <remarks>With <paramref name="streaming"/>, the loop stores its outputs past the caches (<see cref="StreamingRange"/>).</remarks>
    private static nint UpdateRoutine<T>(in Coefficients<T> c, bool addParameters, bool streaming = false)
        where T : unmanaged, IFloatingPointIeee754<T> => Routines<T>.Update(Flags(c, addParameters), streaming);

    /// <summary>The address of the gradient check compiled for <paramref name="c"/>'s options (same signature as <see cref="UpdateRoutine"/>).</summary>
    private static nint ScanRoutine<T>(in Coefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => Routines<T>.Scan(c.OptaxOrder, c.CoupledDecay);

    private static VariantFlags Flags<T>(in Coefficients<T> c, bool addParameters)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(c.OptaxOrder, c.Maximize, c.CoupledDecay, c.DecoupledDecay, c.Centered, c.EpsilonInside, c.BiasCorrection,
            c.HasMomentum, c.LearningRateInsideBuffer, c.Nesterov, addParameters);

    /// <summary>How many coordinates from <paramref name="start"/> until the output is 64-byte aligned (0 for short ranges).</summary>
    private static unsafe int AlignedHead<T>(T* output, int start, int end)
        where T : unmanaged
    {
        nuint address = (nuint)(output + start);
        if (end - start < AlignFrom || address % (nuint)sizeof(T) != 0)
        {
            return 0;
        }

        return (int)(((64 - (address & 63)) & 63) / (nuint)sizeof(T));
    }

    /// <summary>
    /// <see cref="VectorRange"/> over [<paramref name="start"/>, <paramref name="end"/>): a head in narrower vectors up to the
    /// output's 64-byte boundary (<see cref="AlignFrom"/>), whole vectors of <typeparamref name="TVector"/>, and the
    /// rest in narrower vectors (<see cref="Remainder"/>) rather than one coordinate at a time.
    /// </summary>
    private static unsafe bool AlignedRange<T, TVector, TLanes, TVariant>(in Coefficients<T> c, in Pointers<T> p, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : struct, ILanes<TVector, T>
        where TVariant : struct, IVariant
    {
        int head = AlignedHead(p.Output, start, end);
        bool ok = head == 0 || Remainder<T, TVariant>(c, p, start, start + head, TLanes.Count, scan: false);
        start += head;
        int whole = start + ((end - start) / TLanes.Count * TLanes.Count);
        ok &= VectorRange<T, TVector, TLanes, TVariant>(c, p, start, whole);
        return Remainder<T, TVariant>(c, p, whole, end, TLanes.Count, scan: false) && ok;
    }

    /// <summary>
    /// <see cref="AlignedRange"/> with the whole vectors' outputs stored past the caches, when every output array sits
    /// at the same offset from a 64-byte boundary (so aligning one aligns all, as the non-temporal stores require) and
    /// the range is long enough to align; otherwise plain <see cref="AlignedRange"/>. Fences before returning, so the
    /// outputs are visible to whichever thread reads them next.
    /// </summary>
    private static unsafe bool StreamingRange<T, TVector, TLanes, TVariant>(in Coefficients<T> c, in Pointers<T> p, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : struct, ILanes<TVector, T>
        where TVariant : struct, IVariant
    {
        nuint output = (nuint)p.Output;
        bool alignable = end - start >= AlignFrom && output % (nuint)sizeof(T) == 0
            && SameLineOffset(output, p.SquareOut) && SameLineOffset(output, p.AverageOut) && SameLineOffset(output, p.MomentumOut);
        if (!alignable)
        {
            return AlignedRange<T, TVector, TLanes, TVariant>(c, p, start, end);
        }

        bool ok = AlignedRange<T, TVector, Streaming<TVector, T, TLanes>, TVariant>(c, p, start, end);
        if (Sse.IsSupported)
        {
            Sse.StoreFence();
        }
        else
        {
            Interlocked.MemoryBarrier();
        }

        return ok;

        static bool SameLineOffset(nuint output, T* other) => other == null || ((nuint)other - output) % 64 == 0;
    }

    private static unsafe bool AlignedScan<T, TVector, TLanes, TVariant>(in Coefficients<T> c, in Pointers<T> p, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : struct, ILanes<TVector, T>
        where TVariant : struct, IVariant
    {
        int head = AlignedHead(p.Gradient, start, end);
        bool ok = head == 0 || Remainder<T, TVariant>(c, p, start, start + head, TLanes.Count, scan: true);
        start += head;
        int whole = start + ((end - start) / TLanes.Count * TLanes.Count);
        ok &= ScanRange<T, TVector, TLanes, TVariant>(c, p, start, whole);
        return Remainder<T, TVariant>(c, p, whole, end, TLanes.Count, scan: true) && ok;
    }

    /// <summary>
    /// The coordinates after the last whole vector of <paramref name="width"/> lanes: a 256-bit vector, then 128-bit
    /// vectors, then one at a time. A model's tensors rarely have a multiple of 16 floats, and 15 coordinates one at
    /// a time cost more than the 62 vectors of a 1,000-float tensor (the multi-tensor benchmark); every width computes
    /// the same IEEE operations, so the values are the same.
    /// </summary>
    private static bool Remainder<T, TVariant>(in Coefficients<T> c, in Pointers<T> p, int start, int end, int width, bool scan)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVariant : struct, IVariant
    {
        bool ok = true;
        if (start == end)
        {
            return ok;
        }

        if (width > Vector256<T>.Count && Vector256.IsHardwareAccelerated && end - start >= Vector256<T>.Count)
        {
            int whole = start + Vector256<T>.Count;
            ok &= scan ? ScanRange<T, Vector256<T>, Lanes256<T>, TVariant>(c, p, start, whole) : VectorRange<T, Vector256<T>, Lanes256<T>, TVariant>(c, p, start, whole);
            start = whole;
        }

        // The 128-bit loop also runs the last few coordinates one at a time.
        return (scan ? ScanRange<T, Vector128<T>, Lanes128<T>, TVariant>(c, p, start, end) : VectorRange<T, Vector128<T>, Lanes128<T>, TVariant>(c, p, start, end)) && ok;
    }

    /// <summary>The addresses of the compiled loops, by option set, filled on first use (a race fills a slot twice with the same address).</summary>
    private static unsafe class Routines<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private static readonly nint[] Updates = new nint[1 << 12];
        private static readonly nint[] Scans = new nint[4];

        internal static nint Update(VariantFlags flags, bool streaming)
        {
            int key = (flags.OptaxOrder ? 1 : 0) | (flags.Maximize ? 2 : 0) | (flags.CoupledDecay ? 4 : 0) | (flags.DecoupledDecay ? 8 : 0)
                | (flags.Centered ? 16 : 0) | (flags.EpsilonInside ? 32 : 0) | (flags.BiasCorrection ? 64 : 0) | (flags.HasMomentum ? 128 : 0)
                | (flags.LearningRateInsideBuffer ? 256 : 0) | (flags.Nesterov ? 512 : 0) | (flags.AddParameters ? 1024 : 0) | (streaming ? 2048 : 0);
            nint routine = Updates[key];
            if (routine == 0)
            {
                var find = new Find { Scan = false, Streaming = streaming };
                Variants.Dispatch(ref find, flags);
                Updates[key] = routine = find.Routine;
            }

            return routine;
        }

        internal static nint Scan(bool optaxOrder, bool coupledDecay)
        {
            // The scan reads only the gradient and, for coupled decay, the parameters: the other options would compile
            // the same loop again under another name.
            int key = (optaxOrder ? 1 : 0) | (coupledDecay ? 2 : 0);
            nint routine = Scans[key];
            if (routine == 0)
            {
                var find = new Find { Scan = true };
                Variants.Dispatch(ref find, new VariantFlags(optaxOrder, false, coupledDecay, false, false, false, false, false, false, false, false));
                Scans[key] = routine = find.Routine;
            }

            return routine;
        }

        /// <summary>Takes the address of the loop for one variant, at the widest vector the hardware has.</summary>
        private struct Find : IVariantAction
        {
            public bool Scan;
            public bool Streaming;
            public nint Routine;

            public void Invoke<TVariant>()
                where TVariant : struct, IVariant
            {
                if (Vector512.IsHardwareAccelerated)
                {
                    Routine = Scan
                        ? (nint)(delegate*<in Coefficients<T>, in Pointers<T>, int, int, bool>)&AlignedScan<T, Vector512<T>, Lanes512<T>, TVariant>
                        : Streaming ? (nint)(delegate*<in Coefficients<T>, in Pointers<T>, int, int, bool>)&StreamingRange<T, Vector512<T>, Lanes512<T>, TVariant>
                        : (nint)(delegate*<in Coefficients<T>, in Pointers<T>, int, int, bool>)&AlignedRange<T, Vector512<T>, Lanes512<T>, TVariant>;
                }
                else if (Vector256.IsHardwareAccelerated)
                {
                    Routine = Scan
                        ? (nint)(delegate*<in Coefficients<T>, in Pointers<T>, int, int, bool>)&AlignedScan<T, Vector256<T>, Lanes256<T>, TVariant>
                        : Streaming ? (nint)(delegate*<in Coefficients<T>, in Pointers<T>, int, int, bool>)&StreamingRange<T, Vector256<T>, Lanes256<T>, TVariant>
                        : (nint)(delegate*<in Coefficients<T>, in Pointers<T>, int, int, bool>)&AlignedRange<T, Vector256<T>, Lanes256<T>, TVariant>;
                }
                else
                {
                    Routine = Scan
                        ? (nint)(delegate*<in Coefficients<T>, in Pointers<T>, int, int, bool>)&AlignedScan<T, Vector128<T>, Lanes128<T>, TVariant>
                        : Streaming ? (nint)(delegate*<in Coefficients<T>, in Pointers<T>, int, int, bool>)&StreamingRange<T, Vector128<T>, Lanes128<T>, TVariant>
                        : (nint)(delegate*<in Coefficients<T>, in Pointers<T>, int, int, bool>)&AlignedRange<T, Vector128<T>, Lanes128<T>, TVariant>;
                }
            }
        }
    }
}
#endif
