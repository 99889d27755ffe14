// The ECharts build the app ships: only the charts and components it draws, bundled by
// esbuild into one script that sets globalThis.echarts (loaded lazily by the app).
// Add a chart type here when a page starts drawing it. Not included on purpose: the aria
// component (each chart card carries its data as an HTML table for screen readers), the
// title component (titles are HTML headings) and scrolling legends (budget: BENCHMARKS.md).
import * as echarts from "echarts/core";
import { BarChart, HeatmapChart, LineChart, RadarChart } from "echarts/charts";
import {
  GridComponent,
  LegendPlainComponent,
  RadarComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  RadarChart,
  GridComponent,
  LegendPlainComponent,
  RadarComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
  CanvasRenderer,
]);
globalThis.echarts = echarts;
