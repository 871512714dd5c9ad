// ChartStyle: the palette decides light or dark; the chart's background follows the window.
#include "gui/charts/chartstyle.h"

#include "gui/code/syntaxtheme.h"

#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QPainter>

namespace pipelab::gui {

void ChartStyle::apply(QChartView* view)
{
    QChart* chart = view->chart();
    const QPalette palette = view->palette();
    chart->setTheme(SyntaxTheme::isDark(palette) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(6, 6, 6, 6));
    chart->legend()->setAlignment(Qt::AlignBottom);
    QFont title = chart->titleFont();
    title.setBold(true);
    chart->setTitleFont(title);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(280, 200);
}

} // namespace pipelab::gui
