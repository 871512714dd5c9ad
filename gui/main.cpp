// pipelab: the desktop app. `pipelab [FILE] [--run INDEX] [--step N] [--load] [--screenshot OUT.png]`
// opens FILE (or the built-in scenario), runs it, shows request INDEX (default 0) played to the end
// (or to event N with --step), with --load runs the scenario's load and shows its charts, and, with --screenshot, shows the window at 1440×900, lets it settle,
// saves what it shows as a PNG and exits — for documentation and for the GUI's smoke test.
#include "gui/app/appearance.h"
#include "gui/app/mainwindow.h"
#include "gui/charts/loadpanel.h"
#include "gui/lesson/lessonplayer.h"
#include "gui/run/loadrun.h"
#include "gui/pipeline/playbackcontroller.h"
#include "gui/run/scenariorun.h"

#include <QApplication>
#include <QDockWidget>
#include <QTabWidget>
#include <QCommandLineParser>
#include <QPixmap>
#include <QTimer>

#include <cstdio>
#include <optional>

namespace {

// A non-negative integer option's value; nullopt when absent, -1 when malformed.
std::optional<int> intOption(const QCommandLineParser& parser, const QCommandLineOption& option)
{
    if (!parser.isSet(option))
        return std::nullopt;
    bool ok = false;
    const int value = parser.value(option).toInt(&ok);
    return ok && value >= 0 ? value : -1;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication application(argc, argv);
    pipelab::gui::applyAppearance(application);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("PipeLab: a request-pipeline simulator and visual tracer for Django."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Scenario file to open (default: the built-in scenario)."),
                                 QStringLiteral("[FILE]"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save the window as a PNG image to OUT and exit."),
                                        QStringLiteral("OUT"));
    const QCommandLineOption run(QStringLiteral("run"),
                                 QStringLiteral("Show request INDEX (0-based, in the expanded request list) played to the end."),
                                 QStringLiteral("INDEX"));
    const QCommandLineOption step(QStringLiteral("step"),
                                  QStringLiteral("Play the request only up to event N (0: not yet sent)."), QStringLiteral("N"));
    const QCommandLineOption load(QStringLiteral("load"),
                                  QStringLiteral("Run the scenario's load section and show its charts."));
    const QCommandLineOption lessonStep(QStringLiteral("lesson-step"),
                                        QStringLiteral("Go to step N (0-based) of the scenario's lesson."), QStringLiteral("N"));
    const QCommandLineOption presenter(QStringLiteral("presenter"), QStringLiteral("Start in presenter mode."));
    parser.addOption(screenshot);
    parser.addOption(load);
    parser.addOption(lessonStep);
    parser.addOption(presenter);
    parser.addOption(run);
    parser.addOption(step);
    parser.process(application);

    const QStringList files = parser.positionalArguments();
    if (files.size() > 1) {
        std::fprintf(stderr, "pipelab: give at most one scenario file\n");
        return 2;
    }
    const std::optional<int> runIndex = intOption(parser, run);
    const std::optional<int> stepCount = intOption(parser, step);
    const std::optional<int> lessonIndex = intOption(parser, lessonStep);
    if (runIndex == -1 || stepCount == -1 || lessonIndex == -1) {
        std::fprintf(stderr, "pipelab: --run, --step and --lesson-step take a non-negative number\n");
        return 2;
    }
    const bool takeScreenshot = parser.isSet(screenshot);
    const QString screenshotPath = parser.value(screenshot);

    // A screenshot run neither reads nor writes the user's settings: same picture everywhere.
    using pipelab::gui::AppSettings;
    pipelab::gui::MainWindow window(AppSettings(takeScreenshot ? AppSettings::Mode::Disabled : AppSettings::Mode::ReadWrite));
    if (takeScreenshot)
        window.resize(1440, 900);
    window.show();
    // Edits a crashed or killed session left behind come first; declined, the usual file opens.
    if (!window.offerRecovery()) {
        if (files.isEmpty())
            window.openDefaultScenario();
        else
            window.openFile(files.first());
    }

    const bool play = runIndex.has_value() || stepCount.has_value();
    if (play) {
        // The run is under way on a worker thread; show the request once it is back.
        pipelab::gui::ScenarioRun* scenarioRun = window.scenarioRun();
        if (!scenarioRun->waitForFinished(60000))
            std::fprintf(stderr, "pipelab: the scenario is still running after 60 s\n");
        const int index = runIndex.value_or(0);
        if (scenarioRun->request(index) == nullptr && scenarioRun->trace() != nullptr)
            std::fprintf(stderr, "pipelab: the scenario has no request %d\n", index);
        window.selectRequest(index);
        pipelab::gui::PlaybackController* playback = window.playback();
        if (stepCount)
            playback->seek(*stepCount);
        else if (takeScreenshot)
            playback->toEnd();
        else
            playback->run();
    }

    if (lessonIndex || parser.isSet(presenter)) {
        window.scenarioRun()->waitForFinished(60000);
        if (parser.isSet(presenter))
            window.setPresenterMode(true);
        if (!window.lessonPlayer()->hasLesson()) {
            std::fprintf(stderr, "pipelab: the scenario has no lesson\n");
        } else if (lessonIndex) {
            // Play the lesson up to the step, as a presenter would click through it.
            window.lessonPlayer()->restart();
            for (int i = 1; i <= *lessonIndex && i < window.lessonPlayer()->stepCount(); ++i) {
                window.lessonPlayer()->goTo(i);
                window.scenarioRun()->waitForFinished(60000);
            }
            if (takeScreenshot)
                window.playback()->toEnd();
        }
    }

    if (parser.isSet(load)) {
        window.scenarioRun()->waitForFinished(60000);
        if (!window.loadPanel()->runLoad()) {
            std::fprintf(stderr, "pipelab: the scenario has no load section\n");
        } else {
            window.chartsDock()->show();
            window.chartsDock()->raise();
            window.chartTabs()->setCurrentWidget(window.loadPanel());
            if (takeScreenshot && !window.loadPanel()->loadRun()->waitForFinished(120000))
                std::fprintf(stderr, "pipelab: the load is still running after 120 s\n");
        }
    }

    if (takeScreenshot) {
        QTimer::singleShot(400, &window, [&window, &application, screenshotPath] {
            window.scenarioRun()->waitForFinished(60000);
            QApplication::processEvents();
            const QPixmap image = window.grab();
            if (image.isNull() || !image.save(screenshotPath, "PNG")) {
                std::fprintf(stderr, "pipelab: cannot save the screenshot to %s\n", qPrintable(screenshotPath));
                application.exit(1);
                return;
            }
            application.exit(0);
        });
    }
    return application.exec();
}
