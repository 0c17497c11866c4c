// SPDX-License-Identifier: MIT
#pragma once
// How the main window shares its room, so that the timeline is the room's
// focus on a projector:
// - projector mode collapses the lab list and the panels around the timeline
//   into a toolbar (Run, Stop, Fit; Labs, Parameters, Summary, Processes,
//   Notes each one click away) and hides the lab's title line (the
//   timeline's own title names the lab);
// - "Timeline only" (F11) hides everything but the timeline and brings it all
//   back, in either mode;
// - the first start fits the screen (maximised below 1600 px wide), later
//   starts get the geometry and splitter positions of the last session
//   (QSettings "window/...").

#include "labpage.h"

#include <QHash>
#include <QObject>

class QAction;
class QMainWindow;
class QSplitter;
class QToolBar;

namespace proclab {

class LabCatalogue;
class PresentationMode;

class WindowLayout : public QObject
{
    Q_OBJECT
public:
    WindowLayout(QMainWindow *window, QSplitter *main, LabCatalogue *catalogue, LabPage *page,
                 PresentationMode *presentation);

    QToolBar *toolBar() const { return m_bar; }
    QAction *timelineOnlyAction() const { return m_timelineOnly; }
    // Lab list, Parameters, Summary, Processes, Notes: checkable, in the
    // toolbar and the View menu.
    QList<QAction *> panelActions() const;
    bool timelineOnly() const { return m_only.active; }
    void setTimelineOnly(bool on);

    // The first start: sized to the screen; later: as the user left it.
    void restoreWindow();
    // Stores the geometry and, in the normal mode, the splitter positions.
    void saveWindow();
    void retranslate();
    // How much larger the projector's timeline is drawn in a window this
    // high: 1 up to 720 px, up to 1.25 (1080 px and more).
    static double presentationScale(int windowHeight);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void scalePresentation();
    struct Shown // what is visible besides the timeline
    {
        bool catalogue = true;
        bool header = true;
        bool toolBar = false;
        QHash<int, bool> panels; // LabPage::Panel -> shown
    };
    Shown current() const;
    void apply(const Shown &shown);
    void setPresentation(bool on);
    void syncActions();
    QList<QSplitter *> splitters() const;

    QMainWindow *m_window;
    QSplitter *m_main;
    LabCatalogue *m_catalogue;
    LabPage *m_page;
    QToolBar *m_bar;
    QAction *m_run, *m_stop, *m_fit, *m_labs, *m_timelineOnly;
    QHash<int, QAction *> m_panels;
    Shown m_normal; // the normal mode's panels while projector mode is on
    bool m_presenting = false;
    struct
    {
        bool active = false;
        Shown before;
        bool statusBar = true;
    } m_only;
};

} // namespace proclab
