namespace MemberCards.Web.Components.Charts;

/// <summary>
/// A chart's numbers as a table, built from the same figures as its series: the accessible view, and what tests
/// read. The first column names the row; the others are values, right-aligned. A row may link somewhere.
/// </summary>
public sealed record ChartTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string?>? Links = null);

/// <summary>One chart: what ApexCharts draws and the same numbers as a table.</summary>
public sealed record ChartView(ApexChartOptions Options, ChartTable Table);
