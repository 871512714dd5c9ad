// ChartStyle: how every PipeLab chart looks — the chart theme that matches the window's light or
// dark palette, no animations (data arrives live), antialiasing, and a compact legend.
#pragma once

class QChartView;

namespace pipelab::gui {

class ChartStyle {
public:
    static void apply(QChartView* view);
};

} // namespace pipelab::gui
