#pragma once
// The instant the mouse points at, shared by the timeline and the queue-depth
// chart: hovering one shows the same time in the other.

#include <QObject>

namespace proclab {

class TimeCursor : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    double time() const { return m_us; } // µs since the run's start; < 0: none
    void setTime(double us)
    {
        if (us == m_us)
            return;
        m_us = us;
        Q_EMIT moved(us);
    }
    void clear() { setTime(-1); }

Q_SIGNALS:
    void moved(double us);

private:
    double m_us = -1;
};

} // namespace proclab
