#pragma once
// What each lab process printed, in time order, with the time and the
// process's name; a filter shows one process only.

#include <QWidget>

class QComboBox;
class QPlainTextEdit;

namespace proclab {

class TraceModel;

class ConsoleView : public QWidget
{
    Q_OBJECT
public:
    explicit ConsoleView(QWidget *parent = nullptr);
    void setModel(TraceModel *model);
    QString text() const; // what is shown, for tests and copying

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    TraceModel *m_model = nullptr;
    QComboBox *m_filter;
    QPlainTextEdit *m_text;
    qint64 m_shownEvents = -1; // what was shown: printed lines and lanes
};

} // namespace proclab
