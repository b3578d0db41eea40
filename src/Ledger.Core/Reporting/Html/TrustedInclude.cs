using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// Scriban's own <c>include</c>, with its result marked <see cref="TrustedHtml"/>. An included template is
/// rendered in the same <see cref="EscapingTemplateContext"/>, so its expressions are escaped there already;
/// without this wrapper its markup would come back as a string and be escaped a second time, as text.
/// </summary>
internal sealed class TrustedInclude(IScriptCustomFunction include) : IScriptCustomFunction
{
    public int RequiredParameterCount => include.RequiredParameterCount;
    public int ParameterCount => include.ParameterCount;
    public ScriptVarParamKind VarParamKind => include.VarParamKind;
    public Type ReturnType => typeof(TrustedHtml);

    public ScriptParameterInfo GetParameterInfo(int index) => include.GetParameterInfo(index);

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new TrustedHtml(include.Invoke(context, callerContext, arguments, blockStatement)?.ToString() ?? "");

    public async ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new TrustedHtml((await include.InvokeAsync(context, callerContext, arguments, blockStatement))?.ToString() ?? "");
}
