namespace MemberCards.Import;

/// <summary>
/// A file's cells as read, every cell as text: the header row and the data rows. A data row's number is its line in
/// the file as a spreadsheet shows it (the header is row 1), so the error report points where the user looks.
/// The fingerprint (SHA-256 of the file's bytes) tells a file imported before.
/// </summary>
public sealed record ImportTable(IReadOnlyList<string> Headers, IReadOnlyList<ImportRow> Rows, string Fingerprint = "");

public sealed record ImportRow(int Number, IReadOnlyList<string> Cells)
{
    public string Cell(int column) => column < Cells.Count ? Cells[column] : "";
}
