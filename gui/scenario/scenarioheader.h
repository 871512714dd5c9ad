// ScenarioHeader: the top of the window — the scenario's name, its one-line summary, and its
// Markdown description. The description takes the height its text needs, up to a limit, and
// scrolls beyond it, so a short description leaves no empty band.
#pragma once

#include <QWidget>

class QLabel;
class QTextBrowser;

namespace pipelab::gui {

class ScenarioHeader : public QWidget {
    Q_OBJECT
public:
    explicit ScenarioHeader(QWidget* parent = nullptr);

    // A loaded scenario.
    void showScenario(const QString& name, const QString& summary, const QString& markdownDescription);
    // A file that did not load: its name and why nothing else is shown.
    void showFailure(const QString& fileName, int errorCount);

    QString title() const;
    QString descriptionMarkdown() const;

    void setMaximumDescriptionHeight(int height);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void fitDescription();
    void applyColors();

    QLabel* title_;
    QLabel* summary_;
    QLabel* status_;
    QTextBrowser* description_;
    QString markdown_;
    int maxDescriptionHeight_ = 220;
};

} // namespace pipelab::gui
