#pragma once
// What each lab process printed, in time order, with the time and the
// process's name; a filter shows one process only.
//
// Output is appended as the run goes (each drain adds only the new lines, at
// their place in time), and a user who scrolled up stays where they are; at
// the bottom the view follows the output.

#include <QHash>
#include <QVector>
#include <QWidget>

class QComboBox;
class QPlainTextEdit;

namespace proclab {

class TraceModel;
struct Lane;
namespace store {
struct Row;
}

class ConsoleView : public QWidget
{
    Q_OBJECT
public:
    explicit ConsoleView(QWidget *parent = nullptr);
    void setModel(TraceModel *model);
    QString text() const; // what is shown, for tests and copying
    QPlainTextEdit *textEdit() const { return m_text; }

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Line
    {
        double t;
        QString text;
    };
    // Per lane: the output already shown, up to time t (atT lines at t itself).
    struct Seen
    {
        double t = -1;
        int atT = 0;
    };
    void refresh();
    void rebuild();
    void syncFilter();
    QString format(const Lane &lane, const store::Row &row, bool error) const;
    void insert(QVector<Line> &lines);
    int outputLineCount() const;

    TraceModel *m_model = nullptr;
    QComboBox *m_filter;
    QPlainTextEdit *m_text;
    int m_shownEvents = -1;
    bool m_wasLive = false;
    QHash<qint64, Seen> m_seen;
    QVector<double> m_blockTimes; // the time of each block (line) shown, ascending
    int m_shownLines = 0;         // output markers shown (a marker may span blocks)
};

} // namespace proclab
