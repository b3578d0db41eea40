using Ledger.Core.Diagnostics;

namespace Ledger.Core.Tests.Diagnostics;

public sealed class NearestNamesTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)] // the textbook case: two substitutions and an insertion
    [InlineData("", "abc", 3)]
    [InlineData("Reward", "reward", 0)] // case is ignored
    [InlineData("--recipe-frm", "--recipe-from", 1)]
    [InlineData("flaw", "lawn", 2)]
    public void Distance_is_the_Levenshtein_distance_ignoring_case(string a, string b, int expected)
    {
        Assert.Equal(expected, NearestNames.Distance(a, b));
        Assert.Equal(expected, NearestNames.Distance(b, a));
    }

    [Theory]
    [InlineData("reward", "val-core/GSM8K/reward/mean@1", 0)]
    [InlineData("acuracy", "answer_accuracy", 1)]
    [InlineData("reward", "loss", 6)] // no letter in common: each of the six letters of 'reward' costs an edit
    public void Distance_within_matches_the_best_part_of_the_candidate(string name, string candidate, int expected) =>
        Assert.Equal(expected, NearestNames.DistanceWithin(name, candidate));

    [Fact]
    public void Closest_ranks_by_the_best_part_then_the_whole_name_then_the_order_given()
    {
        var columns = new[] { "run", "loss_type", "grpo_step", "answer_accuracy", "format_accuracy", "reward" };

        Assert.Equal(["answer_accuracy", "format_accuracy", "reward"], NearestNames.Closest("acuracy", columns, 3));
        Assert.Equal(["reward", "eval/reward"], NearestNames.Closest("reward", ["eval/reward", "reward", "loss"], 2));
    }

    [Theory]
    [InlineData("--recipe-frm", "--recipe-from")]
    [InlineData("--tolerence", "--tolerance")]
    [InlineData("--formt", "--format")]
    [InlineData("--zzzzzz", null)]
    public void A_suggestion_is_made_only_when_a_name_is_close(string typed, string? expected) =>
        Assert.Equal(expected, NearestNames.Suggestion(typed, ["--recipe", "--recipe-from", "--recipe-pattern", "--tolerance", "--format"]));
}
