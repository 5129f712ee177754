namespace RmsProp.Functional;

/// <summary>A compile-time boolean: the kernel's options become type arguments, so the JIT removes every test of them.</summary>
internal interface IFlag
{
    static abstract bool On { get; }
}

/// <summary>The option is on.</summary>
internal readonly struct Yes : IFlag
{
    public static bool On => true;
}

/// <summary>The option is off.</summary>
internal readonly struct No : IFlag
{
    public static bool On => false;
}

/// <summary>One combination of the kernel's options, known to the JIT when it compiles the loop.</summary>
internal interface IVariant
{
    static abstract bool OptaxOrder { get; }

    static abstract bool Maximize { get; }

    static abstract bool CoupledDecay { get; }

    static abstract bool DecoupledDecay { get; }

    static abstract bool Centered { get; }

    static abstract bool EpsilonInside { get; }

    static abstract bool BiasCorrection { get; }

    static abstract bool HasMomentum { get; }

    static abstract bool LearningRateInsideBuffer { get; }

    static abstract bool Nesterov { get; }

    static abstract bool AddParameters { get; }

    /// <summary>Whether the loop reads the parameters at all.</summary>
    static abstract bool ReadsParameters { get; }
}

/// <summary>The options of one call, as values, before they become a <see cref="Variant{F0, F1, F2, F3, F4, F5, F6, F7, F8, F9, F10}"/>.</summary>
internal readonly record struct VariantFlags(bool OptaxOrder, bool Maximize, bool CoupledDecay, bool DecoupledDecay, bool Centered, bool EpsilonInside, bool BiasCorrection, bool HasMomentum, bool LearningRateInsideBuffer, bool Nesterov, bool AddParameters);

/// <summary>An <see cref="IVariant"/> built from one <see cref="IFlag"/> per option.</summary>
internal readonly struct Variant<F0, F1, F2, F3, F4, F5, F6, F7, F8, F9, F10> : IVariant
    where F0 : struct, IFlag
    where F1 : struct, IFlag
    where F2 : struct, IFlag
    where F3 : struct, IFlag
    where F4 : struct, IFlag
    where F5 : struct, IFlag
    where F6 : struct, IFlag
    where F7 : struct, IFlag
    where F8 : struct, IFlag
    where F9 : struct, IFlag
    where F10 : struct, IFlag
{
    public static bool OptaxOrder => F0.On;

    public static bool Maximize => F1.On;

    public static bool CoupledDecay => F2.On;

    public static bool DecoupledDecay => F3.On;

    public static bool Centered => F4.On;

    public static bool EpsilonInside => F5.On;

    public static bool BiasCorrection => F6.On;

    public static bool HasMomentum => F7.On;

    public static bool LearningRateInsideBuffer => F8.On;

    public static bool Nesterov => F9.On;

    public static bool AddParameters => F10.On;

    public static bool ReadsParameters => F10.On || F2.On || F3.On;
}

/// <summary>Code to run once the variant is a type: <see cref="Variants.Dispatch"/> calls it.</summary>
internal interface IVariantAction
{
    void Invoke<TVariant>()
        where TVariant : struct, IVariant;
}

/// <summary>
/// Turns <see cref="VariantFlags"/> into a <see cref="Variant{F0, F1, F2, F3, F4, F5, F6, F7, F8, F9, F10}"/>, one option per step, so that
/// <see cref="IVariantAction.Invoke{TVariant}"/> runs the loop compiled for exactly these options. Only the
/// combinations a program uses are ever compiled.
/// </summary>
internal static class Variants
{
    internal static void Dispatch<TAction>(ref TAction action, VariantFlags flags)
        where TAction : struct, IVariantAction
    {
        if (flags.OptaxOrder)
        {
            Bind1<TAction, Yes>(ref action, flags);
        }
        else
        {
            Bind1<TAction, No>(ref action, flags);
        }
    }

    private static void Bind1<TAction, F0>(ref TAction action, VariantFlags flags)
        where TAction : struct, IVariantAction
        where F0 : struct, IFlag
    {
        if (flags.Maximize)
        {
            Bind2<TAction, F0, Yes>(ref action, flags);
        }
        else
        {
            Bind2<TAction, F0, No>(ref action, flags);
        }
    }

    private static void Bind2<TAction, F0, F1>(ref TAction action, VariantFlags flags)
        where TAction : struct, IVariantAction
        where F0 : struct, IFlag
        where F1 : struct, IFlag
    {
        if (flags.CoupledDecay)
        {
            Bind3<TAction, F0, F1, Yes>(ref action, flags);
        }
        else
        {
            Bind3<TAction, F0, F1, No>(ref action, flags);
        }
    }

    private static void Bind3<TAction, F0, F1, F2>(ref TAction action, VariantFlags flags)
        where TAction : struct, IVariantAction
        where F0 : struct, IFlag
        where F1 : struct, IFlag
        where F2 : struct, IFlag
    {
        if (flags.DecoupledDecay)
        {
            Bind4<TAction, F0, F1, F2, Yes>(ref action, flags);
        }
        else
        {
            Bind4<TAction, F0, F1, F2, No>(ref action, flags);
        }
    }

    private static void Bind4<TAction, F0, F1, F2, F3>(ref TAction action, VariantFlags flags)
        where TAction : struct, IVariantAction
        where F0 : struct, IFlag
        where F1 : struct, IFlag
        where F2 : struct, IFlag
        where F3 : struct, IFlag
    {
        if (flags.Centered)
        {
            Bind5<TAction, F0, F1, F2, F3, Yes>(ref action, flags);
        }
        else
        {
            Bind5<TAction, F0, F1, F2, F3, No>(ref action, flags);
        }
    }

    private static void Bind5<TAction, F0, F1, F2, F3, F4>(ref TAction action, VariantFlags flags)
        where TAction : struct, IVariantAction
        where F0 : struct, IFlag
        where F1 : struct, IFlag
        where F2 : struct, IFlag
        where F3 : struct, IFlag
        where F4 : struct, IFlag
    {
        if (flags.EpsilonInside)
        {
            Bind6<TAction, F0, F1, F2, F3, F4, Yes>(ref action, flags);
        }
        else
        {
            Bind6<TAction, F0, F1, F2, F3, F4, No>(ref action, flags);
        }
    }

    private static void Bind6<TAction, F0, F1, F2, F3, F4, F5>(ref TAction action, VariantFlags flags)
        where TAction : struct, IVariantAction
        where F0 : struct, IFlag
        where F1 : struct, IFlag
        where F2 : struct, IFlag
        where F3 : struct, IFlag
        where F4 : struct, IFlag
        where F5 : struct, IFlag
    {
        if (flags.BiasCorrection)
        {
            Bind7<TAction, F0, F1, F2, F3, F4, F5, Yes>(ref action, flags);
        }
        else
        {
            Bind7<TAction, F0, F1, F2, F3, F4, F5, No>(ref action, flags);
        }
    }

    private static void Bind7<TAction, F0, F1, F2, F3, F4, F5, F6>(ref TAction action, VariantFlags flags)
        where TAction : struct, IVariantAction
        where F0 : struct, IFlag
        where F1 : struct, IFlag
        where F2 : struct, IFlag
        where F3 : struct, IFlag
        where F4 : struct, IFlag
        where F5 : struct, IFlag
        where F6 : struct, IFlag
    {
        if (flags.HasMomentum)
        {
            Bind8<TAction, F0, F1, F2, F3, F4, F5, F6, Yes>(ref action, flags);
        }
        else
        {
            Bind8<TAction, F0, F1, F2, F3, F4, F5, F6, No>(ref action, flags);
        }
    }

    private static void Bind8<TAction, F0, F1, F2, F3, F4, F5, F6, F7>(ref TAction action, VariantFlags flags)
        where TAction : struct, IVariantAction
        where F0 : struct, IFlag
        where F1 : struct, IFlag
        where F2 : struct, IFlag
        where F3 : struct, IFlag
        where F4 : struct, IFlag
        where F5 : struct, IFlag
        where F6 : struct, IFlag
        where F7 : struct, IFlag
    {
        if (flags.LearningRateInsideBuffer)
        {
            Bind9<TAction, F0, F1, F2, F3, F4, F5, F6, F7, Yes>(ref action, flags);
        }
        else
        {
            Bind9<TAction, F0, F1, F2, F3, F4, F5, F6, F7, No>(ref action, flags);
        }
    }

    private static void Bind9<TAction, F0, F1, F2, F3, F4, F5, F6, F7, F8>(ref TAction action, VariantFlags flags)
        where TAction : struct, IVariantAction
        where F0 : struct, IFlag
        where F1 : struct, IFlag
        where F2 : struct, IFlag
        where F3 : struct, IFlag
        where F4 : struct, IFlag
        where F5 : struct, IFlag
        where F6 : struct, IFlag
        where F7 : struct, IFlag
        where F8 : struct, IFlag
    {
        if (flags.Nesterov)
        {
            Bind10<TAction, F0, F1, F2, F3, F4, F5, F6, F7, F8, Yes>(ref action, flags);
        }
        else
        {
            Bind10<TAction, F0, F1, F2, F3, F4, F5, F6, F7, F8, No>(ref action, flags);
        }
    }

    private static void Bind10<TAction, F0, F1, F2, F3, F4, F5, F6, F7, F8, F9>(ref TAction action, VariantFlags flags)
        where TAction : struct, IVariantAction
        where F0 : struct, IFlag
        where F1 : struct, IFlag
        where F2 : struct, IFlag
        where F3 : struct, IFlag
        where F4 : struct, IFlag
        where F5 : struct, IFlag
        where F6 : struct, IFlag
        where F7 : struct, IFlag
        where F8 : struct, IFlag
        where F9 : struct, IFlag
    {
        if (flags.AddParameters)
        {
            Bind11<TAction, F0, F1, F2, F3, F4, F5, F6, F7, F8, F9, Yes>(ref action, flags);
        }
        else
        {
            Bind11<TAction, F0, F1, F2, F3, F4, F5, F6, F7, F8, F9, No>(ref action, flags);
        }
    }

    private static void Bind11<TAction, F0, F1, F2, F3, F4, F5, F6, F7, F8, F9, F10>(ref TAction action, VariantFlags flags)
        where TAction : struct, IVariantAction
        where F0 : struct, IFlag
        where F1 : struct, IFlag
        where F2 : struct, IFlag
        where F3 : struct, IFlag
        where F4 : struct, IFlag
        where F5 : struct, IFlag
        where F6 : struct, IFlag
        where F7 : struct, IFlag
        where F8 : struct, IFlag
        where F9 : struct, IFlag
        where F10 : struct, IFlag =>
        action.Invoke<Variant<F0, F1, F2, F3, F4, F5, F6, F7, F8, F9, F10>>();
}
