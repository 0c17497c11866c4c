#pragma once
// Time <-> pixel for the timeline: the visible time window [start, end] (µs)
// laid over the pixel span [left, right]. A small value type so that zoom and
// pan are plain arithmetic, tested without any widget.

#include <algorithm>

namespace proclab {

class TimelineMapping
{
public:
    TimelineMapping() = default;
    TimelineMapping(double startUs, double endUs, double left, double right)
        : m_start(startUs), m_end(std::max(endUs, startUs + kMinSpanUs)), m_left(left),
          m_right(std::max(right, left + 1))
    {
    }

    static constexpr double kMinSpanUs = 10.0; // 10 µs: deepest zoom

    double start() const { return m_start; }
    double end() const { return m_end; }
    double span() const { return m_end - m_start; }
    double left() const { return m_left; }
    double right() const { return m_right; }
    double width() const { return m_right - m_left; }

    double toX(double us) const { return m_left + (us - m_start) / span() * width(); }
    double toTime(double x) const { return m_start + (x - m_left) / width() * span(); }
    double usPerPixel() const { return span() / width(); }

    // Zooms by `factor` (> 1 zooms in) keeping the time under pixel `anchorX` fixed.
    TimelineMapping zoomed(double factor, double anchorX) const
    {
        const double anchor = toTime(anchorX);
        const double newSpan = std::max(kMinSpanUs, span() / factor);
        const double frac = (anchorX - m_left) / width();
        const double s = anchor - frac * newSpan;
        return {s, s + newSpan, m_left, m_right};
    }
    // Moves the window by `dx` pixels (drag to the right shows earlier times).
    TimelineMapping panned(double dx) const
    {
        const double dt = dx * usPerPixel();
        return {m_start - dt, m_end - dt, m_left, m_right};
    }
    TimelineMapping withPixels(double left, double right) const
    {
        return {m_start, m_end, left, right};
    }

    bool operator==(const TimelineMapping &) const = default;

private:
    double m_start = 0;
    double m_end = 1'000'000;
    double m_left = 0;
    double m_right = 1000;
};

} // namespace proclab
