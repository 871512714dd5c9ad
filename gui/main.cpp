// pipelab: the desktop app. `pipelab [FILE] [--screenshot OUT.png]` opens FILE (or the built-in
// scenario); with --screenshot it shows the window at 1440×900, lets it settle, saves what it
// shows as a PNG and exits — for documentation and for the GUI's smoke test.
#include "gui/app/appearance.h"
#include "gui/app/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

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
    parser.addOption(screenshot);
    parser.process(application);

    const QStringList files = parser.positionalArguments();
    if (files.size() > 1) {
        std::fprintf(stderr, "pipelab: give at most one scenario file\n");
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
    if (files.isEmpty())
        window.openDefaultScenario();
    else
        window.openFile(files.first());

    if (takeScreenshot) {
        QTimer::singleShot(400, &window, [&window, &application, screenshotPath] {
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
