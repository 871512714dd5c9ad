// ScenarioHeader: labels plus a frameless QTextBrowser whose height follows its document.
#include "gui/scenario/scenarioheader.h"

#include "gui/code/syntaxtheme.h"

#include <QEvent>
#include <QLabel>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QVBoxLayout>

namespace pipelab::gui {

namespace {

// Qt renders Markdown code in a monospace font but otherwise like prose; a faint background
// makes code blocks and `inline code` read as code, as on any Markdown page.
void tintCode(QTextDocument* document, const QPalette& palette)
{
    const QColor tint = mixColors(palette.color(QPalette::Window), palette.color(QPalette::WindowText), 0.07);
    QTextCursor cursor(document);
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        QTextBlockFormat blockFormat = block.blockFormat();
        if (blockFormat.hasProperty(QTextFormat::BlockCodeFence) || blockFormat.hasProperty(QTextFormat::BlockCodeLanguage)
            || blockFormat.nonBreakableLines()) {
            blockFormat.setBackground(tint);
            blockFormat.setTextIndent(10); // inside the tint, like padding
            cursor.setPosition(block.position());
            cursor.setBlockFormat(blockFormat);
            continue;
        }
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.charFormat().fontFixedPitch())
                continue;
            QTextCharFormat code;
            code.setBackground(tint);
            cursor.setPosition(fragment.position());
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
            cursor.mergeCharFormat(code);
        }
    }
}

} // namespace

ScenarioHeader::ScenarioHeader(QWidget* parent)
    : QWidget(parent), title_(new QLabel(this)), summary_(new QLabel(this)), status_(new QLabel(this)),
      description_(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("scenarioHeader"));
    title_->setObjectName(QStringLiteral("scenarioTitle"));
    summary_->setObjectName(QStringLiteral("scenarioSummary"));
    status_->setObjectName(QStringLiteral("loadStatus"));
    description_->setObjectName(QStringLiteral("scenarioDescription"));

    QFont titleFont = title_->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.55);
    titleFont.setWeight(QFont::DemiBold);
    title_->setFont(titleFont);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setWordWrap(true);
    status_->hide();

    description_->setOpenExternalLinks(true);
    description_->setFrameShape(QFrame::NoFrame);
    description_->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    description_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    description_->document()->setDocumentMargin(0);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 10);
    layout->setSpacing(4);
    layout->addWidget(title_);
    layout->addWidget(summary_);
    layout->addWidget(status_);
    layout->addSpacing(4);
    layout->addWidget(description_);
    applyColors();
}

void ScenarioHeader::showScenario(const QString& name, const QString& summary, const QString& markdownDescription)
{
    title_->setText(name);
    summary_->setText(summary);
    summary_->setVisible(!summary.isEmpty());
    status_->hide();
    markdown_ = markdownDescription;
    description_->setMarkdown(markdownDescription);
    tintCode(description_->document(), palette());
    description_->setVisible(!markdownDescription.trimmed().isEmpty());
    applyColors();
    fitDescription();
}

void ScenarioHeader::showFailure(const QString& fileName, int errorCount)
{
    title_->setText(fileName);
    summary_->hide();
    status_->setText(errorCount == 1
                         ? tr("This file has 1 error, so its scenario cannot be shown. The Problems panel lists it; "
                              "fix the file and reload (F5).")
                         : tr("This file has %1 errors, so its scenario cannot be shown. The Problems panel lists "
                              "them; fix the file and reload (F5).").arg(errorCount));
    status_->show();
    markdown_.clear();
    description_->clear();
    description_->hide();
    applyColors();
}

QString ScenarioHeader::title() const
{
    return title_->text();
}

QString ScenarioHeader::descriptionMarkdown() const
{
    return markdown_;
}

void ScenarioHeader::setMaximumDescriptionHeight(int height)
{
    maxDescriptionHeight_ = std::max(60, height);
    fitDescription();
}

void ScenarioHeader::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitDescription();
}

void ScenarioHeader::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void ScenarioHeader::fitDescription()
{
    if (description_->isHidden())
        return;
    QTextDocument* document = description_->document();
    document->setTextWidth(description_->viewport()->width());
    const int needed = static_cast<int>(document->size().height()) + 4;
    description_->setFixedHeight(std::min(needed, maxDescriptionHeight_));
}

void ScenarioHeader::applyColors()
{
    const QPalette pal = palette();
    QPalette dim = summary_->palette();
    dim.setColor(QPalette::WindowText, mixColors(pal.color(QPalette::WindowText), pal.color(QPalette::Window), 0.35));
    summary_->setPalette(dim);
    QPalette error = status_->palette();
    error.setColor(QPalette::WindowText, SyntaxTheme::fromPalette(pal).errorMarker);
    status_->setPalette(error);
    QPalette browser = description_->palette();
    browser.setColor(QPalette::Base, pal.color(QPalette::Window));
    description_->setPalette(browser);
}

} // namespace pipelab::gui
