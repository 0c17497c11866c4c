#pragma once
// "Run ×N" beside Run: how many times to run the lab (2–1000, remembered per
// lab in QSettings "series/runs/<lab>") and the button that asks for it.

#include <QWidget>

class QPushButton;
class QSpinBox;

namespace proclab {

class RepeatControl : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kDefaultRuns = 20;

    explicit RepeatControl(QWidget *parent = nullptr);

    void setLab(const QString &labId); // shows the number remembered for it
    int runs() const;
    void setRuns(int n); // remembered for the current lab
    QPushButton *button() const { return m_button; }
    QSpinBox *spinBox() const { return m_count; }

    static int rememberedRuns(const QString &labId);

Q_SIGNALS:
    void runRequested(int runs);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QString m_labId;
    QSpinBox *m_count;
    QPushButton *m_button;
};

} // namespace proclab
