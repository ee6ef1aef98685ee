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
  options.yaxis = { ...(options.yaxis || {}), labels: { formatter } };
  options.tooltip = { ...(options.tooltip || {}), y: { formatter: value => exact.format(value) } };
  return options;
}

export function create(element, json) {
  destroy(element);
  const chart = new ApexCharts(element, withFormatters(JSON.parse(json)));
  charts.set(element, chart);
  return chart.render();
}

export function update(element, json) {
  const chart = charts.get(element);
  if (!chart) {
    return create(element, json);
  }
  return chart.updateOptions(withFormatters(JSON.parse(json)), true, true);
}

export function destroy(element) {
  const chart = charts.get(element);
  if (chart) {
    chart.destroy();
    charts.delete(element);
  }
}
