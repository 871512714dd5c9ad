// LessonPanel: the step's text is assembled as Markdown and shown in a QTextBrowser; a compare
// step adds a table filled from the player's run summaries.
#include "gui/lesson/lessonpanel.h"

#include "gui/lesson/lessonplayer.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace pipelab::gui {

namespace {

QString runLine(const LessonPlayer::RunSummary& run)
{
    if (!run.ok)
        return LessonPanel::tr("the run failed: %1").arg(run.error);
    QString line = LessonPanel::tr("#%1 %2 → **%3** · **%4** %5 · %6 ms modelled")
                       .arg(run.request)
                       .arg(run.label)
                       .arg(run.status)
                       .arg(run.queries)
                       .arg(run.queries == 1 ? LessonPanel::tr("query") : LessonPanel::tr("queries"))
                       .arg(run.modelledMs, 0, 'f', 1);
    if (!run.error.isEmpty())
        line += LessonPanel::tr(" · %1").arg(run.error);
    return line;
}

} // namespace

LessonPanel::LessonPanel(LessonPlayer* player, QWidget* parent)
    : QWidget(parent), player_(player), stepLabel_(new QLabel(this)), text_(new QTextBrowser(this)),
      compare_(new QTableWidget(this)), restart_(new QPushButton(tr("Restart"), this)), back_(new QPushButton(tr("◀ Back"), this)),
      reveal_(new QPushButton(tr("Reveal Answer"), this)), next_(new QPushButton(tr("Next ▶"), this)),
      presenter_(new QPushButton(tr("Presenter"), this))
{
    setObjectName(QStringLiteral("lessonPanel"));
    text_->setObjectName(QStringLiteral("lessonText"));
    text_->setOpenExternalLinks(false);
    compare_->setObjectName(QStringLiteral("lessonCompare"));
    compare_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    compare_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    compare_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    compare_->hide();
    presenter_->setCheckable(true);
    presenter_->setToolTip(tr("Full screen, large text, only the panels each step needs (F11)"));
    reveal_->setToolTip(tr("Show the answer (Next does too)"));

    auto* controls = new QHBoxLayout;
    controls->addWidget(stepLabel_, 1);
    controls->addWidget(restart_);
    controls->addWidget(back_);
    controls->addWidget(reveal_);
    controls->addWidget(next_);
    controls->addWidget(presenter_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addLayout(controls);
    layout->addWidget(text_, 3);
    layout->addWidget(compare_, 2);

    connect(restart_, &QPushButton::clicked, player_, &LessonPlayer::restart);
    connect(back_, &QPushButton::clicked, player_, &LessonPlayer::previous);
    connect(next_, &QPushButton::clicked, player_, &LessonPlayer::next);
    connect(reveal_, &QPushButton::clicked, player_, &LessonPlayer::reveal);
    connect(presenter_, &QPushButton::toggled, this, &LessonPanel::presenterToggled);
    connect(player_, &LessonPlayer::stepChanged, this, &LessonPanel::showStep);
    connect(player_, &LessonPlayer::answerRevealedChanged, this, &LessonPanel::showStep);
    showStep();
}

void LessonPanel::setPresenting(bool presenting)
{
    presenting_ = presenting;
    {
        const QSignalBlocker block(presenter_);
        presenter_->setChecked(presenting);
    }
    QFont font = text_->font();
    font.setPointSizeF(presenting ? 20 : QWidget::font().pointSizeF());
    text_->setFont(font);
    QFont tableFont = compare_->font();
    tableFont.setPointSizeF(presenting ? 15 : QWidget::font().pointSizeF());
    compare_->setFont(tableFont);
    showStep();
}

void LessonPanel::showStep()
{
    using Kind = scenario::LessonStep::Kind;
    const scenario::LessonStep* step = player_->currentStep();
    const bool any = step != nullptr;
    for (QPushButton* button : {restart_, back_, next_, presenter_})
        button->setEnabled(any);
    reveal_->setVisible(any && step->kind == Kind::Ask);
    compare_->hide();
    if (!any) {
        stepLabel_->setText(tr("No lesson"));
        text_->setMarkdown(tr("This scenario has no `lesson` section."));
        return;
    }
    const int index = player_->current();
    stepLabel_->setText(tr("Step %1 of %2").arg(index + 1).arg(player_->stepCount()));
    back_->setEnabled(index > 0);
    next_->setEnabled(index + 1 < player_->stepCount() || (step->kind == Kind::Ask && !player_->answerRevealed()));
    reveal_->setEnabled(!player_->answerRevealed());

    const QString text = QString::fromStdString(step->text);
    QString markdown;
    switch (step->kind) {
    case Kind::Say: markdown = text; break;
    case Kind::Show: markdown = tr("*Look at the %1 panel.*").arg(text); break;
    case Kind::Highlight: markdown = tr("*Look at* `%1`.").arg(text); break;
    case Kind::Ask:
        markdown = tr("**Question.** %1").arg(text);
        if (player_->answerRevealed())
            markdown += QStringLiteral("\n\n") + tr("**Answer.** %1").arg(QString::fromStdString(step->answer));
        else
            markdown += QStringLiteral("\n\n") + tr("*Discuss, then reveal the answer.*");
        break;
    case Kind::Run: {
        const std::vector<int> runs = player_->runStepsUpTo(index);
        markdown = tr("**Run %1.** %2").arg(runs.size() - 1).arg(runLine(player_->runSummary(index)));
        break;
    }
    case Kind::Patch: {
        QStringList parts;
        for (const auto& entry : step->patch)
            parts << QStringLiteral("`%1`").arg(QString::fromStdString(entry.first));
        if (step->settings)
            parts << QStringLiteral("`settings`");
        markdown = tr("**Patch.** The lesson changes %1; the next runs use the new code.").arg(parts.join(QStringLiteral(", ")));
        break;
    }
    case Kind::Compare: {
        const std::vector<int> runs = player_->runStepsUpTo(index);
        const auto [a, b] = step->compare;
        markdown = tr("**Compare** run %1 with run %2.").arg(a).arg(b);
        if (a >= 0 && b >= 0 && a < static_cast<std::int64_t>(runs.size()) && b < static_cast<std::int64_t>(runs.size())) {
            const LessonPlayer::RunSummary left = player_->runSummary(runs[static_cast<std::size_t>(a)]);
            const LessonPlayer::RunSummary right = player_->runSummary(runs[static_cast<std::size_t>(b)]);
            const QStringList rows{tr("Request"), tr("Status"), tr("Queries"), tr("Modelled time (ms)"), tr("Error")};
            compare_->clear();
            compare_->setRowCount(static_cast<int>(rows.size()));
            compare_->setColumnCount(2);
            compare_->setVerticalHeaderLabels(rows);
            compare_->setHorizontalHeaderLabels({tr("Run %1").arg(a), tr("Run %1").arg(b)});
            const auto fill = [this](int column, const LessonPlayer::RunSummary& run) {
                const QStringList values{QStringLiteral("#%1 %2").arg(run.request).arg(run.label), QString::number(run.status),
                                         QString::number(run.queries), QString::number(run.modelledMs, 'f', 1),
                                         run.error.isEmpty() ? QStringLiteral("—") : run.error};
                for (int row = 0; row < values.size(); ++row)
                    compare_->setItem(row, column, new QTableWidgetItem(values[row]));
            };
            fill(0, left);
            fill(1, right);
            compare_->show();
        }
        break;
    }
    }
    text_->setMarkdown(markdown);
}

} // namespace pipelab::gui
