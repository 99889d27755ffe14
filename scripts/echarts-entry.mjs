// The ECharts build the app ships: only the charts and components it draws, bundled by
// esbuild into one script that sets globalThis.echarts (loaded lazily by the app).
// Add a chart type here when a page starts drawing it.
import * as echarts from "echarts/core";
import { BarChart, HeatmapChart, LineChart, PieChart, RadarChart } from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  PieChart,
  RadarChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
  CanvasRenderer,
]);
globalThis.echarts = echarts;
