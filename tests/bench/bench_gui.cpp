// bench_gui: the GUI's two speed promises (issue 6 §9), measured in one run against baselines:
// - a frame while animating the 501-query dashboard in a 1920×1080 window: the playback clock
//   moves 16 ms (run mode, 60 ev/s) and the whole window is painted into an image with software
//   rendering. Baseline: painting the same window with nothing moving. The p95 frame time is a
//   counter (the target is ≤ 16 ms under Xvfb; offscreen here, so the same raster path).
// - re-run latency after a drag: one MIDDLEWARE row moved through the model (what a drop does),
//   until the re-run's trace is shown. Baseline: RunResult::compute on the same scenario alone.
// Times are reported, never asserted; CTest only smoke-runs this program.
#include "gui/app/mainwindow.h"
#include "gui/middleware/middlewarelistmodel.h"
#include "gui/pipeline/playbackcontroller.h"
#include "gui/run/runresult.h"
#include "gui/run/scenariorun.h"
#include "ratioreporter.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <memory>
#include <vector>

namespace {

using pipelab::gui::MainWindow;

// One window for the whole program (building it is not what is measured). main() destroys it
// before the QApplication goes.
std::unique_ptr<MainWindow>& windowSlot()
{
    static std::unique_ptr<MainWindow> instance;
    return instance;
}

MainWindow& window()
{
    std::unique_ptr<MainWindow>& w = windowSlot();
    if (!w) {
        w = std::make_unique<MainWindow>(pipelab::gui::AppSettings(pipelab::gui::AppSettings::Mode::Disabled));
        w->resize(1920, 1080);
        w->show();
        w->openDefaultScenario();
        w->scenarioRun()->waitForFinished(60000);
        w->selectRequest(0);
    }
    return *w;
}

void paintWindow(QImage& image)
{
    QPainter painter(&image);
    window().render(&painter);
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

void BM_StillFrame(benchmark::State& state)
{
    MainWindow& w = window();
    w.playback()->seek(200);
    QImage image(w.size(), QImage::Format_ARGB32_Premultiplied);
    for (auto _ : state) {
        QCoreApplication::processEvents();
        paintWindow(image);
        benchmark::DoNotOptimize(image.constBits());
    }
}

void BM_AnimatedFrame(benchmark::State& state)
{
    MainWindow& w = window();
    pipelab::gui::PlaybackController* playback = w.playback();
    playback->setSpeed(60);
    playback->seek(0);
    playback->run();
    QImage image(w.size(), QImage::Format_ARGB32_Premultiplied);
    std::vector<double> frames;
    QElapsedTimer clock;
    for (auto _ : state) {
        clock.start();
        if (playback->atEnd()) {
            playback->seek(0);
            playback->run();
        }
        playback->advance(16);
        QCoreApplication::processEvents();
        paintWindow(image);
        benchmark::DoNotOptimize(image.constBits());
        frames.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
    }
    playback->pause();
    state.counters["p95_ms"] = percentile(frames, 0.95);
    state.counters["max_ms"] = percentile(frames, 1.0);
}

void BM_RunAlone(benchmark::State& state)
{
    const pipelab::scenario::Scenario scenario = *window().document().scenario();
    for (auto _ : state)
        benchmark::DoNotOptimize(pipelab::gui::RunResult::compute(scenario));
}

void BM_RerunAfterDrag(benchmark::State& state)
{
    MainWindow& w = window();
    pipelab::gui::MiddlewareListModel* model = w.middlewareModel();
    std::vector<double> latencies;
    QElapsedTimer clock;
    for (auto _ : state) {
        clock.start();
        // Moving row 5 above row 4 and back again alternates the two orders, like a user dragging.
        model->moveRows({}, 5, 1, {}, 4);
        w.scenarioRun()->waitForFinished(60000);
        QCoreApplication::processEvents();
        latencies.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
    }
    state.counters["p95_ms"] = percentile(latencies, 0.95);
}

} // namespace

BENCHMARK(BM_StillFrame)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AnimatedFrame)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RunAlone)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RerunAfterDrag)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication application(argc, argv);
    const int status = pipelab::bench::runWithRatios(argc, argv, "BM_StillFrame");
    windowSlot().reset();
    return status;
}
