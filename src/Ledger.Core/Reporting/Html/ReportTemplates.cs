using System.Collections.Concurrent;
using Ledger.Core.Diagnostics;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// The report's Scriban templates: those embedded in this assembly (from the repository's templates/ folder),
/// each replaced by the file of the same name in the user's folder when there is one. Parsed once per name.
/// </summary>
public sealed class ReportTemplates : ITemplateLoader
{
    private const string ResourcePrefix = "Ledger.Templates.";

    /// <summary>
    /// Scriban's built-in functions, made once and shared by every context: a context is made per page and per recipe
    /// section (over 2,000 in a 1,000-snapshot report), and making the built-ins was most of a context's cost. Read-only,
    /// so no template can change a function or a setting (such as date.format) for the pages after it.
    /// </summary>
    private static readonly ScriptObject Builtins = ReadOnlyBuiltins();

    private readonly string? _folder;
    private readonly ConcurrentDictionary<string, Template> _parsed = new(StringComparer.Ordinal);

    /// <summary>
    /// Templates Scriban parsed for include statements. Scriban keeps them per context, and a context is made per page:
    /// without this, the header and footer of each of 1,000 pages were parsed again.
    /// </summary>
    private readonly ConcurrentDictionary<string, Template> _included = new(StringComparer.Ordinal);

    /// <param name="folder">The user's template folder, or null for the embedded templates alone.</param>
    /// <exception cref="LedgerInputException">The folder does not exist.</exception>
    public ReportTemplates(string? folder)
    {
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new LedgerInputException(ErrorCodes.FileNotFound, SourceLocation.WholeFile(folder), "no such folder", "a folder of report templates (.sbn)");
        }
        _folder = folder is null ? null : Path.GetFullPath(folder);
    }

    /// <summary>Renders the template <paramref name="name"/> with <paramref name="model"/>'s properties as its globals (snake_case).</summary>
    /// <exception cref="LedgerInputException">A template does not parse, or names something the model lacks.</exception>
    public string Render(string name, object model)
    {
        var context = ContextFor(name, model);
        var page = Run(() => Parse(name).Render(context));
        KeepIncluded(context);
        return page;
    }

    /// <summary>
    /// Renders into <paramref name="output"/> as it goes: a snapshot page is hundreds of kilobytes, and building
    /// it as a string first (then copying it to the file) is what made the report's time go to the garbage collector.
    /// </summary>
    /// <exception cref="LedgerInputException">A template does not parse, or names something the model lacks.</exception>
    public void Render(string name, object model, TextWriter output)
    {
        var template = Parse(name);
        var context = ContextFor(name, model);
        context.PushOutput(new SpanWriterOutput(output));
        // Render, not Evaluate: Evaluate turns output off. What it returns is the writer's ToString, not the page.
        Run(() => template.Render(context));
        KeepIncluded(context);
    }

    /// <summary>
    /// Renders into UTF-8, the markup written as the pages write it (<see cref="TrustedHtml"/> copied as its bytes): a
    /// recipe section is placed as bytes in every page that shows it, and rendering it as a string first copied its
    /// plot three times over in UTF-16 before it was encoded.
    /// </summary>
    /// <param name="utf8">Receives the rendered bytes.</param>
    /// <exception cref="LedgerInputException">A template does not parse, or names something the model lacks.</exception>
    internal void RenderUtf8(string name, object model, MemoryStream utf8)
    {
        using var writer = new Utf8FileWriter(utf8);
        Render(name, model, writer);
    }

    private EscapingTemplateContext ContextFor(string name, object model)
    {
        var markdown = name.EndsWith(".md.sbn", StringComparison.Ordinal);
        var context = new EscapingTemplateContext(markdown ? GateMarkdown.Escape : EscapingTemplateContext.EncodeHtml, Builtins)
        {
            TemplateLoader = this,
            // Auto-indent copies every string written after indentation line by line to re-indent it. In HTML
            // indentation is cosmetic and our templates have none, so it is off there and a page's markup is not
            // copied again; in Markdown it can nest a list or open a code block, so it stays on.
            AutoIndent = markdown,
        };
        var globals = new ScriptObject();
        context.Import(globals, model);
        globals["include"] = new TrustedInclude((IScriptCustomFunction)context.BuiltinObject["include"]!);
        // PushGlobal keeps Scriban's built-in functions; a TemplateContext built around this object would drop them.
        context.PushGlobal(globals);
        // Include paths are template names (GetPath below), the keys Scriban looks its cache up by.
        foreach (var (path, template) in _included)
            context.CachedTemplates[path] = template;
        return context;
    }

    private static ScriptObject ReadOnlyBuiltins()
    {
        var builtins = TemplateContext.GetDefaultBuiltinObject();
        foreach (var module in builtins.Values.OfType<ScriptObject>())
            module.IsReadOnly = true;
        builtins.IsReadOnly = true;
        return builtins;
    }

    private void KeepIncluded(TemplateContext context)
    {
        foreach (var (path, template) in context.CachedTemplates)
            _included.TryAdd(path, template);
    }

    private T Run<T>(Func<T> render)
    {
        try
        {
            return render();
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw TemplateError(e.Span, e.OriginalMessage);
        }
    }

    string ITemplateLoader.GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) => templateName;

    string ITemplateLoader.Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => Source(templatePath);

    ValueTask<string?> ITemplateLoader.LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) => new(Source(templatePath));

    private Template Parse(string name) => _parsed.GetOrAdd(name, n =>
    {
        var template = Template.Parse(Source(n), n);
        if (template.HasErrors)
        {
            var first = template.Messages.First(m => m.Type == ParserMessageType.Error);
            throw TemplateError(first.Span, first.Message);
        }
        return template;
    });

    /// <summary>The user's file when the folder has one by this name, else the embedded template.</summary>
    private string Source(string name)
    {
        // Template names come from our code and from include statements in the templates; either way only a bare file name is looked up.
        if (name != Path.GetFileName(name) || name.Length == 0)
        {
            throw new LedgerInputException(ErrorCodes.InvalidTemplate, SourceLocation.WholeFile(name), "a template name with a folder in it", "a bare file name such as plot.sbn");
        }
        if (_folder is not null && File.Exists(Path.Combine(_folder, name)))
        {
            return File.ReadAllText(Path.Combine(_folder, name));
        }
        using var stream = typeof(ReportTemplates).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new LedgerInputException(ErrorCodes.InvalidTemplate, SourceLocation.WholeFile(name), "no template by this name", "one of the report's templates");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private LedgerInputException TemplateError(SourceSpan span, string message)
    {
        var file = _folder is not null && File.Exists(Path.Combine(_folder, span.FileName ?? "")) ? Path.Combine(_folder, span.FileName!) : $"templates/{span.FileName}";
        return new LedgerInputException(ErrorCodes.InvalidTemplate, new SourceLocation(file, span.Start.Line + 1, span.Start.Column + 1),
            $"a template error ({message})", "a Scriban template that uses only the report model's names");
    }
}
