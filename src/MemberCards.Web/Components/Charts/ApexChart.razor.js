// Thin wrapper over ApexCharts (loaded globally from lib/apexcharts, pinned to 4.7.0, its last MIT release).
const charts = new WeakMap();

// ApexChartOptions.cs HTML-escapes every series name, category and label, because ApexCharts writes them into
// tooltips and legends as HTML. Where ApexCharts writes SVG text instead (axis labels), or a CSV file, the five
// entities it made are turned back into the characters they stand for; nowhere else.
const entities = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const asText = value => (typeof value === 'string' ? value.replace(/&(amp|lt|gt|quot|#39);/g, (_, name) => entities[name]) : value);

// Spreadsheets run a cell that starts with one of these as a formula (as FormulaGuard.cs says for the exports).
const asCsvCell = value => {
  const text = asText(value);
  return typeof text === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
};

function withFormatters(options) {
  const format = options.valueFormat;
  delete options.valueFormat;
  const intl = format && new Intl.NumberFormat(format.locale, format.style === 'currency'
    ? { style: 'currency', currency: format.currency, maximumFractionDigits: 0 }
    : { maximumFractionDigits: 0 });
  const exact = format && new Intl.NumberFormat(format.locale, format.style === 'currency'
    ? { style: 'currency', currency: format.currency }
    : {});
  // Horizontal bars carry their values on the x axis; everything else on the y axis.
  const valueAxis = options.plotOptions?.bar?.horizontal ? 'xaxis' : 'yaxis';
  for (const axis of ['xaxis', 'yaxis']) {
    const formatter = axis === valueAxis
      ? value => (typeof value === 'number' && intl ? intl.format(value) : asText(value))
      : asText;
    options[axis] = { ...(options[axis] || {}), labels: { ...(options[axis]?.labels || {}), formatter } };
  }
  // A horizontal bar chart's names stay inside its box on a phone (ApexCharts ends a longer one with "…"; the tooltip
  // and the table show it whole): ApexCharts' own limit of 160 px drew long product names past a 390 px screen's card.
  if (valueAxis === 'xaxis') {
    options.yaxis.labels.maxWidth = window.innerWidth < 600 ? 88 : 160;
  }
  // The tooltip's title is HTML: it keeps the escaped category (ApexCharts would otherwise reuse the axis formatter).
  options.tooltip = { ...(options.tooltip || {}), x: { formatter: value => value } };
  if (exact) {
    options.tooltip.y = { formatter: value => exact.format(value) };
  }
  options.chart.toolbar = { ...(options.chart.toolbar || {}), export: { csv: { categoryFormatter: asCsvCell } } };
  if (options.chart.type === 'donut' || options.chart.type === 'pie') {
    options.dataLabels = { ...(options.dataLabels || {}), formatter: percent => `${Math.round(percent)}%` };
  }
  return options;
}

function toApex(json, dotnet) {
  const options = withFormatters(JSON.parse(json));
  // People who asked their system for less motion get charts drawn at once (browser tests ask too: stable screenshots).
  options.chart.animations = { ...(options.chart.animations || {}), enabled: !window.matchMedia('(prefers-reduced-motion: reduce)').matches };
  if (options.chart.type === 'donut' || options.chart.type === 'pie') {
    options.series = options.series.length ? options.series[0].data : [];
  }
  if (dotnet) {
    options.chart.events = {
      dataPointSelection: (event, context, point) => dotnet.invokeMethodAsync('PointSelected', point.seriesIndex, point.dataPointIndex),
    };
  }
  return options;
}

// ApexCharts' own texts (month and day names, the toolbar menu) in the page's language: its locale file from npm,
// copied beside the library by the build, read once. English is built in.
const locales = new Map();

function loadLocale(name) {
  if (!name || name === 'en') {
    return Promise.resolve(null);
  }
  if (!locales.has(name)) {
    locales.set(name, fetch(`lib/apexcharts/locales/${name}.json`).then(r => (r.ok ? r.json() : null)).catch(() => null));
  }
  return locales.get(name);
}

async function localized(options, name) {
  const locale = await loadLocale(name);
  if (locale) {
    options.chart.locales = [locale];
    options.chart.defaultLocale = locale.name;
  }
  return options;
}

export async function create(element, json, dotnet, locale) {
  destroy(element);
  const chart = new ApexCharts(element, await localized(toApex(json, dotnet), locale));
  charts.set(element, { chart, dotnet, locale });
  return chart.render();
}

export async function update(element, json) {
  const entry = charts.get(element);
  if (!entry) {
    return create(element, json);
  }
  return entry.chart.updateOptions(await localized(toApex(json, entry.dotnet), entry.locale), true, true);
}

export function destroy(element) {
  const entry = charts.get(element);
  if (entry) {
    entry.chart.destroy();
    charts.delete(element);
  }
}
