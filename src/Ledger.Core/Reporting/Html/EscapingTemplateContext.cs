using System.Collections.Concurrent;
using Ledger.Core.Diagnostics;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Runtime.Accessors;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// The one place the report escapes: every <c>{{ expression }}</c> a template writes passes through
/// <see cref="Write(SourceSpan, object)"/>, which encodes it for the output format unless it is
/// <see cref="TrustedHtml"/>. Scriban has no auto-escape option, and escaping in each template (or in each view
/// model) is one forgotten call away from a script injection through a recipe name.
/// </summary>
/// <remarks>The template's own literal text goes through the other Write overloads and is not touched.</remarks>
public sealed class EscapingTemplateContext : TemplateContext
{
    /// <summary>
    /// The accessors of the models' types (read through reflection), made once and shared by every context: a context is
    /// made per page and per recipe section (over 4,000 in a 1,000-snapshot report), and each made its own, listing each
    /// type's members again and reading them through new reflection handles, whose invocation stubs the JIT compiled
    /// again (915 of them in one report). Every context here keeps Scriban's default member filter and renamer.
    /// </summary>
    private static readonly ConcurrentDictionary<Type, IObjectAccessor> TypedAccessors = new();

    private readonly Func<string, string> _encode;

    /// <param name="encode">HTML encoding for .html templates, Markdown escaping for .md ones.</param>
    /// <param name="builtins">Scriban's built-in functions (<see cref="TemplateContext.GetDefaultBuiltinObject"/>), which may be shared by contexts when read-only.</param>
    public EscapingTemplateContext(Func<string, string> encode, ScriptObject builtins) : base(builtins)
    {
        _encode = encode;
        // A typo in a template is an error, not an empty cell.
        StrictVariables = true;
        // The pages loop over every snapshot (1,000 and more); the default limit of 1,000 iterations would cut them.
        LoopLimit = 0;
        // Scriban cuts its output at 1 MiB by default, silently: a snapshot page of 50 plots of 600 points is longer.
        LimitToString = 0;
    }

    /// <summary>Sets the model's members (snake_case) on <paramref name="globals"/>, read as the templates read any object.</summary>
    public void Import(ScriptObject globals, object model)
    {
        ArgumentNullException.ThrowIfNull(globals);
        ArgumentNullException.ThrowIfNull(model);
        var accessor = GetMemberAccessor(model);
        foreach (var member in accessor.GetMembers(this, default, model))
        {
            accessor.TryGetValue(this, default, model, member, out var value);
            globals[member] = value;
        }
    }

    protected override IObjectAccessor? GetMemberAccessorImpl(object target)
    {
        var type = target.GetType();
        if (TypedAccessors.TryGetValue(type, out var shared))
            return shared;
        var accessor = base.GetMemberAccessorImpl(target);
        return accessor is TypedObjectAccessor ? TypedAccessors.GetOrAdd(type, accessor) : accessor;
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject) => textAsObject switch
    {
        // Straight into the page's file when the output is the file itself (not a capture or an include's string).
        // Auto-indent, which would re-indent the text, is off for HTML.
        TrustedHtml trusted when !AutoIndent && Output is SpanWriterOutput { Writer: Utf8FileWriter file } => WriteEncoded(file, trusted),
        TrustedHtml trusted => base.Write(span, trusted.Markup),
        null => this,
        _ => base.Write(span, _encode(ObjectToString(textAsObject) ?? "")),
    };

    private EscapingTemplateContext WriteEncoded(Utf8FileWriter file, TrustedHtml trusted)
    {
        file.WriteUtf8(trusted.Utf8);
        return this;
    }

    /// <summary>
    /// For HTML text and quoted attribute values: encodes &lt; &gt; &amp; " and ', and shows the invisible
    /// bidirectional controls as [U+202E] and the like, so a name cannot display reversed ("gnp.exe" shown as
    /// "exe.png"). Right-to-left letters themselves are left alone; the page isolates each name's direction.
    /// </summary>
    public static string EncodeHtml(string text) => System.Net.WebUtility.HtmlEncode(ShowBidiControls(text));

    private static string ShowBidiControls(string text)
    {
        // Every expression of every page passes here (over a million in a 1,000-snapshot report): a vectorised search,
        // not an enumerator and a delegate call per character.
        if (!text.AsSpan().ContainsAny(DisplayText.BidiControls))
            return text;
        var shown = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (DisplayText.BidiControls.Contains(c))
                shown.Append("[U+").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)).Append(']');
            else
                shown.Append(c);
        }
        return shown.ToString();
    }
}
