using RmsProp.Laws;
using Xunit;

namespace Consumer.LawsTests;

/// <summary>The laws, run from an ordinary xunit project through the RmsProp.Laws package, on the library's own step.</summary>
public sealed class LawsTests
{
    public static TheoryData<string> Laws()
    {
        var names = new TheoryData<string>();
        foreach (var law in RmsPropLaws.All)
        {
            names.Add(law.Name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(Laws))]
    public void The_library_step_obeys(string name) =>
        AssertObeys(name, RmsPropFunctionalSteps.Step);

    private static void AssertObeys(string name, RmsPropImplementation implementation)
    {
        RmsPropLawResult result = RmsPropLaws.CheckLaw(RmsPropLaws.All.Single(law => law.Name == name), implementation);
        Assert.True(result.Passed, result.ToString());
        Assert.True(result.TestsRun > 0, $"{name} ran no case");
    }
}
