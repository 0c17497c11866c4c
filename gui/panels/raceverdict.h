#pragma once
// The race panel's verdict in large type: what was expected, then what came
// out ("expected 40000 · got 28113"), the outcome in green when right and in
// vermillion when not. Always one line at the width there is, so the number
// never wraps out of view: 16 pt when it fits, smaller down to 10 pt, and
// when even that is too wide the outcome alone (the number comes first).
// Hidden while there is no verdict.

#include <QLabel>

namespace proclab {

class RaceVerdict : public QLabel
{
    Q_OBJECT
public:
    explicit RaceVerdict(QWidget *parent = nullptr);
    // An empty `outcome` clears (and hides) the verdict.
    void setVerdict(const QString &stated, const QString &outcome, bool correct);
    bool hasVerdict() const { return !m_outcome.isEmpty(); }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fit();
    QString html(int pointSize, bool withStated) const;

    QString m_stated, m_outcome;
    bool m_correct = true;
};

} // namespace proclab
