// Appearance: the application-wide look — PipeLab's identity (names, version, icon) and its
// stylesheet. Called once by main(); tests may skip it.
#pragma once

class QApplication;

namespace pipelab::gui {

// Organization "PipeLab", application "PipeLab" (what QSettings uses), the version, the window
// icon and :/pipelab/pipelab.qss.
void applyAppearance(QApplication& application);

} // namespace pipelab::gui
