#pragma once
// "Run ×N" beside Run: how many times to run the lab (2–1000, remembered per
// lab in QSettings "series/runs/<lab>"), the button that asks for it, and
// whether to make the same runs with the lab's Python program under CPython
// too, charted beside the lab's.

#include <QWidget>

class QCheckBox;
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
    QCheckBox *besidePythonBox() const { return m_python; }
    bool besidePython() const;

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
    QCheckBox *m_python;
};

} // namespace proclab
