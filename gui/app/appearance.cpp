// Appearance: kept out of main.cpp so the executable stays a few lines of argument handling.
#include "gui/app/appearance.h"

#include <QApplication>
#include <QFile>
#include <QIcon>

namespace pipelab::gui {

void applyAppearance(QApplication& application)
{
    QApplication::setOrganizationName(QStringLiteral("PipeLab"));
    QApplication::setApplicationName(QStringLiteral("PipeLab"));
    QApplication::setApplicationDisplayName(QStringLiteral("PipeLab"));
    QApplication::setApplicationVersion(QStringLiteral(PIPELAB_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/pipelab/icons/pipelab.svg")));
    QFile styleSheet(QStringLiteral(":/pipelab/pipelab.qss"));
    if (styleSheet.open(QIODevice::ReadOnly))
        application.setStyleSheet(QString::fromUtf8(styleSheet.readAll()));
}

} // namespace pipelab::gui
