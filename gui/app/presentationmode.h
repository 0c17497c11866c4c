#pragma once
// Projector mode (View > Presentation): larger type across the application,
// and the timeline's presentation palette (larger markers, thicker lines,
// more contrast). Remembered per user in QSettings ("view/presentation").

#include <QObject>

namespace proclab {

class TimelineView;

class PresentationMode : public QObject
{
    Q_OBJECT
public:
    static constexpr double kFontScale = 1.35;

    explicit PresentationMode(QObject *parent = nullptr);

    static bool remembered(); // the user's last choice
    bool isOn() const { return m_on; }
    void addTimeline(TimelineView *view); // follows the mode from now on

public Q_SLOTS:
    // Applies the mode; `remember` also stores it as the user's choice.
    void setOn(bool on, bool remember = true);

Q_SIGNALS:
    void changed(bool on);

private:
    bool m_on = false;
    QList<TimelineView *> m_views;
};

} // namespace proclab
