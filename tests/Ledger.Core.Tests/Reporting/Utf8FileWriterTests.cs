using System.Text;
using Ledger.Core.Reporting.Html;

namespace Ledger.Core.Tests.Reporting;

/// <summary>Text and already-encoded markup written through one buffer come out as the UTF-8 of the text they stand for, in order.</summary>
public sealed class Utf8FileWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Text_and_encoded_markup_past_the_buffer_are_the_utf8_of_the_whole_text_in_order()
    {
        var random = new Random(3);
        var expected = new StringBuilder();
        using var file = new MemoryStream();
        using (var writer = new Utf8FileWriter(file))
        {
            for (var i = 0; i < 5_000; i++)
            {
                var text = new string('a', random.Next(0, 40)) + "é\U0001F680\u202E<&>";
                if (random.Next(3) == 0)
                {
                    writer.WriteUtf8(new TrustedHtml(text).Utf8);
                }
                else
                {
                    // A surrogate pair split across two writes, as a writer may be handed it.
                    var split = text.IndexOf('\uD83D');
                    writer.Write(text[..(split + 1)]);
                    writer.Write(text[(split + 1)..].ToCharArray(), 0, text.Length - split - 1);
                }
                expected.Append(text);
            }
        }

        Assert.True(file.ToArray().Length > 128 * 1024, "the test must pass the writer's buffer more than once");
        Assert.Equal(new UTF8Encoding(false).GetBytes(expected.ToString()), file.ToArray());
    }

    [Fact]
    public void Text_with_lone_and_split_surrogates_and_empty_writes_is_encoded_as_the_whole_text_would_be()
    {
        // Every write goes through the writer's short path or its encoder, as the buffer's room and the text's last
        // character decide: a pair split between writes, an empty write between its halves, a half alone before markup
        // (the markup never starts with a surrogate, so the whole text's encoding replaces that half with U+FFFD too).
        var random = new Random(11);
        const string alphabet = "aé\uD83D\uDE80<";
        var expected = new StringBuilder();
        using var file = new MemoryStream();
        using (var writer = new Utf8FileWriter(file))
        {
            for (var i = 0; i < 20_000; i++)
            {
                var length = random.Next(8) == 0 ? random.Next(100, 3_000) : random.Next(0, 6);
                if (random.Next(6) == 0)
                {
                    var markup = new string('b', length) + "é";
                    writer.WriteUtf8(Encoding.UTF8.GetBytes(markup));
                    expected.Append(markup);
                    continue;
                }
                var text = new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
                writer.Write(text);
                expected.Append(text);
            }
        }

        Assert.True(file.ToArray().Length > 1024 * 1024, "the test must pass the writer's buffer many times");
        Assert.Equal(new UTF8Encoding(false).GetBytes(expected.ToString()), file.ToArray());
    }

    [Fact]
    public void A_page_with_trusted_markup_streamed_into_its_file_has_the_bytes_of_the_rendered_string()
    {
        Directory.CreateDirectory(_folder.File("templates"));
        File.WriteAllText(_folder.File(Path.Combine("templates", "page.html.sbn")), "<h1>{{ title }}</h1>{{ for part in parts }}<section>{{ part }}</section>{{ end }}");
        var model = new { Title = "<b>é \U0001F680</b>", Parts = Enumerable.Range(0, 20).Select(i => new TrustedHtml($"<svg>{i} é \U0001F680 {new string('x', 10_000)}</svg>")).ToList() };
        var templates = new ReportTemplates(_folder.File("templates"));
        using var output = new OutputFolder(_folder.File("out"));

        output.Write("page.html", writer => templates.Render("page.html.sbn", model, writer));

        Assert.Equal(new UTF8Encoding(false).GetBytes(templates.Render("page.html.sbn", model)), File.ReadAllBytes(output.PathOf("page.html")));
    }

    public void Dispose() => _folder.Dispose();
}
