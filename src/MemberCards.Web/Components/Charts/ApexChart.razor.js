// Thin wrapper over ApexCharts (loaded globally from lib/apexcharts, pinned to 4.7.0, its last MIT release).
const charts = new WeakMap();

function withFormatters(options) {
  const format = options.valueFormat;
  delete options.valueFormat;
  if (!format) {
    return options;
  }
  const intl = new Intl.NumberFormat(format.locale, format.style === 'currency'
    ? { style: 'currency', currency: format.currency, maximumFractionDigits: 0 }
    : { maximumFractionDigits: 0 });
  const exact = new Intl.NumberFormat(format.locale, format.style === 'currency'
    ? { style: 'currency', currency: format.currency }
    : {});
  const formatter = value => (typeof value === 'number' ? intl.format(value) : value);
  // Horizontal bars carry their values on the x axis; everything else on the y axis.
  const valueAxis = options.plotOptions?.bar?.horizontal ? 'xaxis' : 'yaxis';
  options[valueAxis] = { ...(options[valueAxis] || {}), labels: { ...(options[valueAxis]?.labels || {}), formatter } };
  options.tooltip = { ...(options.tooltip || {}), y: { formatter: value => exact.format(value) } };
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

export function create(element, json, dotnet) {
  destroy(element);
  const chart = new ApexCharts(element, toApex(json, dotnet));
  charts.set(element, { chart, dotnet });
  return chart.render();
}

export function update(element, json) {
  const entry = charts.get(element);
  if (!entry) {
    return create(element, json);
  }
  return entry.chart.updateOptions(toApex(json, entry.dotnet), true, true);
}

export function destroy(element) {
  const entry = charts.get(element);
  if (entry) {
    entry.chart.destroy();
    charts.delete(element);
  }
}
