#pragma once
// The "Notes" tab of a lab: what the lab shows (in the interface's language),
// the course section, what to look for, one question to predict before Run
// (the run's own answer appears beside the prediction afterwards), and the
// Python program the lab mirrors, with the line of the selected timeline
// event highlighted.

#include "labnotes.h"
#include "timelinetooltip.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace proclab {

class PythonCodeView;
class TraceModel;

class LabNotesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LabNotesPanel(QWidget *parent = nullptr);

    void setModel(TraceModel *model);
    void setLab(const QString &labId); // reloads in Language::current()
    // The values the question is asked about (the parameter form's).
    void setParameters(const QMap<QString, QString> &params);
    // A user's own Python program instead of a lab: its source, nothing else.
    // false (with `error`) when it cannot be read.
    bool showProgram(const QString &path, QString *error);
    QString programPath() const { return m_program; }
    const std::optional<LabNote> &note() const { return m_note; }

    QString prediction() const;
    void setPrediction(const QString &text);
    LabNotes::Verdict verdict() const { return m_verdict; }
    QString shownAnswer() const; // the run's answer as shown; empty before a run
    PythonCodeView *codeView() const { return m_code; }

public Q_SLOTS:
    void selectEvent(const proclab::TimelineHit &hit);

protected:
    void changeEvent(QEvent *event) override;

private:
    void reload();
    void showNote();
    void updateAnswer();
    void retranslateChrome();
    // A Python run's event knows its file and line: true if it was highlighted.
    bool selectSourceLine(const TimelineHit &hit);
    void setNoteWidgetsVisible(bool visible);

    TraceModel *m_model = nullptr;
    QString m_labId;
    QMap<QString, QString> m_params;
    QString m_program; // a user's program shown instead of a lab's notes
    std::optional<LabNote> m_note;
    LabNotes::Verdict m_verdict = LabNotes::Verdict::NoPrediction;

    QLabel *m_course;
    QLabel *m_explanation;
    QLabel *m_lookForHeading;
    QLabel *m_lookFor;
    QLabel *m_predictHeading;
    QLabel *m_question;
    QStackedWidget *m_input;
    QLineEdit *m_number;
    QComboBox *m_choice; // Boolean and Choice questions
    QLabel *m_answerCaption;
    QLabel *m_answer;
    QLabel *m_verdictLabel;
    QLabel *m_codeHeading;
    QLabel *m_codeHint;
    PythonCodeView *m_code;
};

} // namespace proclab
