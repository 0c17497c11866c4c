#pragma once
// The run's result in large type: status, then each summary field the lab
// reported (elapsed_ms, exitcode, ...), readable from the back of a room.

#include <QWidget>

class QLabel;
class QFormLayout;

namespace proclab {

class TraceModel;

class SummaryPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SummaryPanel(QWidget *parent = nullptr);
    void setModel(TraceModel *model);
    void setStatus(const QString &status, bool problem);

    static QString formatValue(const QJsonValue &v);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    TraceModel *m_model = nullptr;
    QLabel *m_status;
    QFormLayout *m_fields;
    QString m_shownKey; // summary last shown, to rebuild only on change
};

} // namespace proclab
