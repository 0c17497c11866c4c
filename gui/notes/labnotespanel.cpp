#include "labnotespanel.h"

#include "pythoncodeview.h"
#include "summarypanel.h"
#include "tracemodel.h"
#include "language.h"

#include <QComboBox>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace proclab {

namespace {

QLabel *wrapped(QWidget *parent, const char *objectName)
{
    auto *l = new QLabel(parent);
    l->setWordWrap(true);
    l->setObjectName(QLatin1String(objectName));
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

// The names of the events a lane has (markers first, then intervals).
QStringList eventNames(const Lane &lane)
{
    QStringList names;
    for (int pass = 0; pass < 2; ++pass)
        for (int k = 1; k < int(EventKind::Count); ++k) {
            const KindClass c = eventkind::classOf(EventKind(k));
            if ((pass == 0 ? c != KindClass::Marker : c != KindClass::Interval) ||
                !(lane.kinds & eventkind::bit(EventKind(k))))
                continue;
            names << eventkind::name(EventKind(k));
        }
    return names;
}

QLabel *heading(QWidget *parent)
{
    auto *l = new QLabel(parent);
    QFont f = l->font();
    f.setBold(true);
    l->setFont(f);
    l->setWordWrap(true);
    return l;
}

} // namespace

LabNotesPanel::LabNotesPanel(QWidget *parent) : QWidget(parent)
{
    auto *text = new QWidget(this);
    m_course = wrapped(text, "course");
    m_course->setStyleSheet(QStringLiteral("color: #4a5059;"));
    m_explanation = wrapped(text, "explanation");
    m_lookForHeading = heading(text);
    m_lookFor = wrapped(text, "lookFor");
    m_lookFor->setTextFormat(Qt::RichText);
    m_predictHeading = heading(text);
    m_question = wrapped(text, "question");

    m_input = new QStackedWidget(text);
    m_number = new QLineEdit(m_input);
    m_number->setObjectName(QStringLiteral("predictionNumber"));
    m_number->setMaximumWidth(160);
    m_choice = new QComboBox(m_input);
    m_choice->setObjectName(QStringLiteral("predictionChoice"));
    m_choice->addItem(QString());
    m_input->addWidget(m_number);
    m_input->addWidget(m_choice);
    m_input->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    m_answerCaption = new QLabel(text);
    m_answerCaption->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    m_answer = new QLabel(text);
    m_answer->setObjectName(QStringLiteral("answer"));
    QFont big = m_answer->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_answer->setFont(big);
    m_verdictLabel = new QLabel(text);
    m_verdictLabel->setObjectName(QStringLiteral("verdict"));
    m_choice->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_verdictLabel->setWordWrap(true);
    auto *answerRow = new QHBoxLayout;
    answerRow->addWidget(m_answerCaption);
    answerRow->addWidget(m_answer);
    answerRow->addWidget(m_verdictLabel, 1);

    // The question first: students predict before they read on and run.
    auto *textLayout = new QVBoxLayout(text);
    textLayout->addWidget(m_predictHeading);
    textLayout->addWidget(m_question);
    textLayout->addWidget(m_input, 0, Qt::AlignLeft);
    textLayout->addLayout(answerRow);
    textLayout->addSpacing(6);
    textLayout->addWidget(m_explanation);
    textLayout->addWidget(m_lookForHeading);
    textLayout->addWidget(m_lookFor);
    textLayout->addWidget(m_course);
    textLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(text);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *codeSide = new QWidget(this);
    m_codeHeading = heading(codeSide);
    m_code = new PythonCodeView(codeSide);
    m_codeHint = new QLabel(codeSide);
    m_codeHint->setObjectName(QStringLiteral("codeHint"));
    m_codeHint->setWordWrap(true);
    auto *codeLayout = new QVBoxLayout(codeSide);
    codeLayout->setContentsMargins(0, 0, 0, 0);
    codeLayout->addWidget(m_codeHeading);
    codeLayout->addWidget(m_code, 1);
    codeLayout->addWidget(m_codeHint);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(scroll);
    split->addWidget(codeSide);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({520, 480}); // shares: the text a little wider than the code
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_number, &QLineEdit::textChanged, this, &LabNotesPanel::updateAnswer);
    connect(m_choice, &QComboBox::currentIndexChanged, this, &LabNotesPanel::updateAnswer);
    retranslateChrome();
    showNote();
}

void LabNotesPanel::retranslateChrome()
{
    m_lookForHeading->setText(tr("What to look for"));
    m_predictHeading->setText(tr("Predict before you press Run"));
    m_number->setPlaceholderText(tr("your guess"));
    m_choice->setItemText(0, tr("your guess…"));
    m_answerCaption->setText(tr("This run:"));
    m_codeHeading->setText(m_program.isEmpty()
                               ? tr("The Python program this lab mirrors")
                               : tr("Your program: %1").arg(QFileInfo(m_program).fileName()));
}

void LabNotesPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslateChrome();
        reload();
    }
}

void LabNotesPanel::setModel(TraceModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (m_model)
        connect(m_model, &TraceModel::changed, this, &LabNotesPanel::updateAnswer);
    updateAnswer();
}

void LabNotesPanel::setNoteWidgetsVisible(bool visible)
{
    for (QWidget *w : std::initializer_list<QWidget *>{
             m_course, m_lookForHeading, m_lookFor, m_predictHeading, m_question, m_input,
             m_answerCaption, m_answer, m_verdictLabel})
        w->setVisible(visible);
}

bool LabNotesPanel::showProgram(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read %1: %2").arg(path, f.errorString());
        return false;
    }
    const QString text = QString::fromUtf8(f.readAll());
    m_program = QFileInfo(path).canonicalFilePath();
    m_labId.clear();
    m_note.reset();
    setPrediction(QString());
    setNoteWidgetsVisible(false);
    m_explanation->setText(
        tr("Your program runs under CPython, unchanged, with ProcLab's tracer watching every "
           "process it starts. Click an event in the timeline to see the line that caused it."));
    m_code->setLines(text.split(QLatin1Char('\n')));
    m_code->setHighlightedLine(-1);
    m_codeHint->setText(tr("Click an event in the timeline to see its line here."));
    retranslateChrome();
    return true;
}

void LabNotesPanel::setLab(const QString &labId)
{
    if (!m_program.isEmpty()) { // back from a user's program to a lab
        m_program.clear();
        m_labId.clear();
        setNoteWidgetsVisible(true);
        retranslateChrome();
    }
    if (labId == m_labId && m_note && m_note->language == Language::current())
        return;
    const bool sameLab = labId == m_labId;
    m_labId = labId;
    if (!sameLab)
        setPrediction(QString());
    reload();
}

void LabNotesPanel::setParameters(const QMap<QString, QString> &params)
{
    if (params == m_params)
        return;
    m_params = params;
    if (m_note)
        m_question->setText(m_note->question.textFor(m_params));
}

void LabNotesPanel::reload()
{
    m_note = m_labId.isEmpty() ? std::nullopt : LabNotes::load(m_labId, Language::current());
    showNote();
}

void LabNotesPanel::showNote()
{
    if (!m_note) {
        for (QLabel *l : {m_course, m_explanation, m_lookFor, m_question})
            l->clear();
        m_explanation->setText(tr("There are no notes for this lab yet."));
        m_input->setEnabled(false);
        m_code->setLines({});
        m_codeHint->clear();
        updateAnswer();
        return;
    }
    m_course->setText(tr("Course: %1").arg(m_note->course));
    m_explanation->setText(m_note->explanation);
    QString bullets = QStringLiteral("<ul style=\"margin-left: 0px; -qt-list-indent: 1;\">");
    for (const QString &item : m_note->lookFor)
        bullets += QStringLiteral("<li>") + item.toHtmlEscaped() + QStringLiteral("</li>");
    m_lookFor->setText(bullets + QStringLiteral("</ul>"));
    m_question->setText(m_note->question.textFor(m_params));
    m_input->setEnabled(true);
    const bool choice = m_note->question.kind != LabQuestion::Kind::Number;
    m_input->setCurrentWidget(choice ? static_cast<QWidget *>(m_choice) : m_number);
    const QString kept = m_choice->currentText();
    m_choice->blockSignals(true);
    while (m_choice->count() > 1)
        m_choice->removeItem(1);
    m_choice->addItems(m_note->question.choices);
    m_choice->setCurrentIndex(std::max(0, m_choice->findText(kept)));
    m_choice->blockSignals(false);
    m_code->setLines(m_note->snippet.lines);
    m_codeHint->setText(tr("Click an event in the timeline to see its line here."));
    updateAnswer();
}

QString LabNotesPanel::prediction() const
{
    if (m_note && m_note->question.kind != LabQuestion::Kind::Number)
        return m_choice->currentIndex() > 0 ? m_choice->currentText() : QString();
    return m_number->text();
}

void LabNotesPanel::setPrediction(const QString &text)
{
    m_number->setText(text);
    const int at = m_choice->findText(text.trimmed(), Qt::MatchFixedString);
    m_choice->setCurrentIndex(at > 0 ? at : 0);
}

QString LabNotesPanel::shownAnswer() const
{
    return m_answer->text();
}

void LabNotesPanel::updateAnswer()
{
    if (m_model && m_model->rowCount() == 0 && m_code->highlightedLine() >= 0)
        selectEvent({}); // a new run: the old selection is gone
    QJsonValue actual;
    if (m_model && m_note)
        actual = m_model->summary().value(m_note->question.answerKey);
    const bool has = !actual.isUndefined() && !actual.isNull();
    m_answer->setText(has ? SummaryPanel::formatValue(actual) : QString());
    m_answerCaption->setVisible(has);
    m_answer->setVisible(has);
    m_verdict = m_note ? LabNotes::compare(m_note->question, prediction(), actual)
                       : LabNotes::Verdict::NoAnswer;
    switch (m_verdict) {
    case LabNotes::Verdict::Matched:
        m_verdictLabel->setText(tr("✓ as you predicted"));
        m_verdictLabel->setStyleSheet(QStringLiteral("color: #00734f; font-weight: bold;"));
        break;
    case LabNotes::Verdict::Missed:
        m_verdictLabel->setText(tr("✗ not what you predicted"));
        m_verdictLabel->setStyleSheet(QStringLiteral("color: #b03a00; font-weight: bold;"));
        break;
    default:
        m_verdictLabel->setText(has ? tr("(no prediction made)") : QString());
        m_verdictLabel->setStyleSheet(QString());
        break;
    }
}

bool LabNotesPanel::selectSourceLine(const TimelineHit &hit)
{
    const QJsonValue line = hit.args.value(QStringLiteral("line"));
    const QString file = hit.args.value(QStringLiteral("file")).toString();
    if (!line.isDouble() || file.isEmpty())
        return false;
    // The program shown: the user's own, or the lab's (run from a copy named after the lab).
    const bool shown = m_program.isEmpty()
                           ? m_note && QFileInfo(file).fileName() == m_labId + QStringLiteral(".py")
                           : QFileInfo(file).canonicalFilePath() == m_program ||
                                 QFileInfo(file).absoluteFilePath() == m_program;
    const QString lane = m_model && hit.row < m_model->rowCount() ? m_model->lane(hit.row).name
                                                                  : QString();
    if (!shown) {
        m_code->setHighlightedLine(-1);
        m_codeHint->setText(tr("%1 in %2: %3, line %4")
                                .arg(hit.name, lane, QFileInfo(file).fileName())
                                .arg(line.toInt()));
        return true;
    }
    m_code->setHighlightedLine(line.toInt() - 1);
    m_codeHint->setText(tr("%1 in %2: line %3").arg(hit.name, lane).arg(line.toInt()));
    return true;
}

void LabNotesPanel::selectEvent(const TimelineHit &hit)
{
    if (hit.isEvent() && selectSourceLine(hit))
        return;
    if (!m_note || !hit.isEvent()) {
        m_code->setHighlightedLine(-1);
        if (m_note)
            m_codeHint->setText(tr("Click an event in the timeline to see its line here."));
        return;
    }
    SnippetQuery query{hit.name, hit.onMain,  {},
                       {},       hit.ordinal, m_model ? m_model->params() : QJsonObject()};
    if (m_model && hit.row < m_model->rowCount()) {
        query.lane = m_model->lane(hit.row).name;
        query.laneEvents = eventNames(m_model->lane(hit.row));
    }
    for (auto it = hit.args.begin(); it != hit.args.end(); ++it) {
        query.context.insert(it.key(), it.value());
        // An argument naming a lane ("target": "Process-2"): what happens there.
        for (int r = 0; m_model && it.value().isString() && r < m_model->rowCount(); ++r)
            if (m_model->lane(r).name == it.value().toString())
                query.context.insert(it.key() + QLatin1String("_events"),
                                     QJsonArray::fromStringList(eventNames(m_model->lane(r))));
    }
    const QString &lane = query.lane;
    const int line = m_note->snippet.lineFor(query);
    m_code->setHighlightedLine(line);
    if (line >= 0)
        m_codeHint->setText(tr("%1 in %2: line %3").arg(hit.name, lane).arg(line + 1));
    else
        m_codeHint->setText(
            tr("%1 in %2: no single line of this program stands for it").arg(hit.name, lane));
}

} // namespace proclab
