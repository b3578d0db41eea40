namespace Ledger.Core.Ingest;

/// <summary>What kind of value a cell held; JSON keeps its types so a string where a number belongs is an error.</summary>
internal enum CellKind
{
    /// <summary>A CSV field: text that may hold a number.</summary>
    Text,
    JsonNumber,
    JsonString,
    JsonNull,
    /// <summary>true, false, an object or an array; <see cref="LogCell.Text"/> holds the raw JSON.</summary>
    JsonOther,
}

/// <summary>
/// One value of a row and where it starts, so errors can point at it. <see cref="File"/> is set when the value comes
/// from another file than the log's own path (an MLflow run folder keeps each metric in its own file).
/// </summary>
internal readonly record struct LogCell(string Text, int Line, int Column, CellKind Kind, string? File = null)
{
    /// <summary>Blank cells are skipped, not errors: W&amp;B history logs each metric only on some rows.</summary>
    public bool IsBlank => Kind == CellKind.JsonNull || (Kind is CellKind.Text or CellKind.JsonString && string.IsNullOrWhiteSpace(Text));
}
