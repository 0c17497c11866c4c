#pragma once
// "Run ×N" beside Run: how many times to run the lab (2–1000, remembered per
// lab in QSettings "series/runs/<lab>"), the button that asks for it, and
// whether to make the same runs with the lab's Python program under CPython
// too, charted beside the lab's ("Compare with Python"). A program of the
// user's own has no known key outcome: there the control says Run ×N is for
// labs and cannot be pressed.

#include <QWidget>

class QCheckBox;
class QLabel;
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
    QCheckBox *compareBox() const { return m_python; }
    bool compareWithPython() const;
    // Run as Python is on: the runs are CPython's only, nothing to compare.
    void setPythonOnly(bool on);
    // A user's program is open (not a lab): Run ×N off, a line says why.
    void setProgramMode(bool on);
    bool programMode() const { return m_programMode; }
    QLabel *note() const { return m_note; }

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
    QLabel *m_note;
    bool m_pythonOnly = false;
    bool m_programMode = false;
};

} // namespace proclab
