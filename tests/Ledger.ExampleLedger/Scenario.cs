namespace Ledger.ExampleLedger;

/// <summary>One recipe's truth at one commit: R(C) = R0 + (A - R0) / (1 + (C_mid / C)^B), evaluated up to MaxCompute.</summary>
internal sealed record RecipeTruth(string Recipe, double A, double B, double CMid, double MaxCompute, double Noise);

/// <summary>One build: its commit, branch, the truth of every recipe in it, and an allow-list to gate with, if any.</summary>
internal sealed record Build(string Commit, string Branch, IReadOnlyList<RecipeTruth> Recipes, string? AllowList);

/// <summary>
/// The story ledger.db.example tells, over 8 commits on main and 2 on a branch: a stable baseline, an improvement
/// (grpo-b512 from 0.80 to 0.84 at main's 6th commit), an accepted regression (dapo-clip from 0.75 to 0.69 at the
/// 5th, allowed by the allow-list), a recipe whose runs end before the bend (reinforce-early: always unidentified),
/// and a real regression on the branch (cispo from 0.78 to 0.70 at feature/new-verifier's 2nd commit).
/// </summary>
internal static class Scenario
{
    public const string AllowDapoClip = """
        { "allow": [
          { "recipe": "dapo-clip", "reason": "the new verifier rejects answers it used to accept; ceiling re-baselined", "expires": "2099-12-31" }
        ] }
        """;

    public static IReadOnlyList<Build> Builds()
    {
        var builds = new List<Build>();
        for (var k = 1; k <= 8; k++)
        {
            builds.Add(new Build(Commit("main", k), "main", MainRecipes(k), k == 5 ? AllowDapoClip : null));
        }
        builds.Add(new Build(Commit("feature", 1), "feature/new-verifier", MainRecipes(8), null));
        builds.Add(new Build(Commit("feature", 2), "feature/new-verifier",
            MainRecipes(8).Select(r => r.Recipe == "cispo" ? r with { A = 0.70 } : r).ToList(), null));
        return builds;
    }

    private static IReadOnlyList<RecipeTruth> MainRecipes(int commit) =>
    [
        new("grpo-b512", commit >= 6 ? 0.84 : 0.80, 1.5, 5000, 40000, 0.006),
        new("ppo-baseline", 0.72, 1.2, 6000, 80000, 0.006),
        new("cispo", 0.78, 1.6, 4000, 40000, 0.006),
        new("dapo-clip", commit >= 5 ? 0.69 : 0.75, 1.4, 5000, 40000, 0.006),
        new("grpo-long-context", 0.82, 1.3, 7000, 100000, 0.009),
        new("reinforce-early", 0.85, 1.6, 20000, 6000, 0.006),
    ];

    /// <summary>A stable, commit-like hex name, so the example reads like a real history.</summary>
    private static string Commit(string branch, int k) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes($"{branch}-{k}")));
}
