// PipelineView: the QGraphicsView in the middle of the window. It shows a PipelineScene scaled to
// fit, follows the palette (light/dark), and redraws the scene whenever the PlaybackController
// moves — only the token and what changed are repainted.
#pragma once

#include <QGraphicsView>

#include <string>
#include <vector>

namespace pipelab::gui {

class PipelineScene;
class PlaybackController;

class PipelineView : public QGraphicsView {
    Q_OBJECT
public:
    explicit PipelineView(PlaybackController* playback, QWidget* parent = nullptr);

    PipelineScene* pipelineScene() const { return scene_; }
    void setMiddleware(const std::vector<std::string>& paths);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void fit();
    void refresh();

    PlaybackController* playback_;
    PipelineScene* scene_;
};

} // namespace pipelab::gui
