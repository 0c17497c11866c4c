<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CliOptions</name>
    <message>
        <source>%1 needs a file name</source>
        <translation>%1 需要一个文件名</translation>
    </message>
    <message>
        <source>%1: %2 is a directory, not a file</source>
        <translation>%1：%2 是目录，不是文件</translation>
    </message>
    <message>
        <source>%1: cannot write %2: directory %3 does not exist</source>
        <translation>%1：无法写入 %2：目录 %3 不存在</translation>
    </message>
    <message>
        <source>%1: cannot write %2: %3 is not a directory</source>
        <translation>%1：无法写入 %2：%3 不是目录</translation>
    </message>
    <message>
        <source>%1: cannot write %2: permission denied</source>
        <translation>%1：无法写入 %2：权限不足</translation>
    </message>
    <message>
        <source>--set needs key=value, got &apos;%1&apos;</source>
        <translation>--set 需要 key=value 形式，实际为 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--view must be one of %1, got &apos;%2&apos;</source>
        <translation>--view 必须是 %1 之一，实际为 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>--scale must be 1 or 2, got %1</source>
        <translation>--scale 必须为 1 或 2，实际为 %1</translation>
    </message>
    <message>
        <source>--size must be WxH with W 320–8192 and H 200–8192, got &apos;%1&apos;</source>
        <translation>--size 必须为 WxH，其中 W 为 320–8192，H 为 200–8192，实际为 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--timeout must be 0.1–86400 seconds, got &apos;%1&apos;</source>
        <translation>--timeout 必须为 0.1–86400 秒，实际为 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1 needs %2</source>
        <translation>%1 需要 %2</translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation>未知选项 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>only one lab per run, got &apos;%1&apos; and &apos;%2&apos;</source>
        <translation>每次只能运行一个实验，却给出了 &apos;%1&apos; 和 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1 and %2 name the same file %3</source>
        <translation>%1 和 %2 指向同一个文件 %3</translation>
    </message>
    <message>
        <source>--engine must be lab or python, got &apos;%1&apos;</source>
        <translation>--engine 只能是 lab 或 python，实际为“%1”</translation>
    </message>
    <message>
        <source>--python runs a program: give no lab with it (got &apos;%1&apos;)</source>
        <translation>--python 运行一个程序：不要同时给出实验（实际给出了“%1”）</translation>
    </message>
    <message>
        <source>--set is for labs; pass a program&apos;s own arguments after --</source>
        <translation>--set 只用于实验；程序自己的参数请放在 -- 之后</translation>
    </message>
    <message>
        <source>--engine python runs a lab&apos;s program; --python runs yours: use one</source>
        <translation>--engine python 运行实验自带的程序，--python 运行你自己的程序：两者只能选一个</translation>
    </message>
    <message>
        <source>arguments after -- are for a Python program (--python FILE)</source>
        <translation>-- 之后的参数是给 Python 程序的（--python FILE）</translation>
    </message>
    <message>
        <source>--engine python passes the lab&apos;s parameters (--set); no arguments after --</source>
        <translation>--engine python 传递的是实验的参数（--set）；-- 之后不能再有参数</translation>
    </message>
    <message>
        <source>--python-interpreter needs --python FILE or --engine python</source>
        <translation>--python-interpreter 需要与 --python FILE 或 --engine python 一起使用</translation>
    </message>
    <message>
        <source>no lab given (proclab-run --list shows them; --python FILE runs a program)</source>
        <translation>没有给出实验（proclab-run --list 可列出所有实验；--python FILE 运行一个程序）</translation>
    </message>
    <message>
        <source>--repeat must be a whole number %1–%2, got &apos;%3&apos;</source>
        <translation>--repeat 必须是 %1–%2 之间的整数，实际为 &apos;%3&apos;</translation>
    </message>
    <message>
        <source>--trace writes one run&apos;s trace and cannot be combined with --repeat (--csv writes one row per run)</source>
        <translation>--trace 只写出一次运行的追踪数据，不能与 --repeat 同时使用（--csv 会为每次运行写一行）</translation>
    </message>
    <message>
        <source>--view %1 shows one run and cannot be combined with --repeat (use --view histogram)</source>
        <translation>--view %1 只显示一次运行，不能与 --repeat 同时使用（请用 --view histogram）</translation>
    </message>
    <message>
        <source>--set %1 given twice (&apos;%2&apos; and &apos;%3&apos;)</source>
        <translation>--set %1 给出了两次（&apos;%2&apos; 和 &apos;%3&apos;）</translation>
    </message>
    <message>
        <source>--preset: lab %1 has no presets, got &apos;%2&apos;</source>
        <translation>--preset：实验 %1 没有预设，实际为 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>--preset must be one of %1 for lab %2, got &apos;%3&apos;</source>
        <translation>实验 %2 的 --preset 必须是 %1 之一，实际为 &apos;%3&apos;</translation>
    </message>
    <message>
        <source>%1 needs --repeat N (N %2–%3)</source>
        <translation>%1 需要同时给出 --repeat N（N 为 %2–%3）</translation>
    </message>
    <message>
        <source>--repeat runs a lab N times; give a lab, not --python FILE</source>
        <translation>--repeat 把一个实验运行 N 次；请给出实验，而不是 --python FILE</translation>
    </message>
    <message>
        <source>--compare adds CPython runs to the lab&apos;s; --engine python makes only CPython runs: use one</source>
        <translation>--compare 在实验的运行之外再加上 CPython 的运行；--engine python 只做 CPython 的运行：请只用其中一个</translation>
    </message>
    <message>
        <source>Usage: proclab-run --list | --help | --version
       proclab-run LAB [--preset NAME] [--set key=value]... [--engine lab|python]
                   [--trace out.json] [--csv out.csv] [--png out.png] [--svg out.svg]
                   [--view timeline|chart|race|page] [--scale 1|2] [--size WxH]
                   [--json] [--timeout SECONDS] [--lang en|zh_CN] [--no-trace]
       proclab-run --python PROGRAM.py [options above] [--python-interpreter PATH]
                   [-- ARG...]
       proclab-run LAB --repeat N [--set key=value]... [--engine lab|python]
                   [--compare] [--csv runs.csv] [--json] [--png out.png]
                   [--svg out.svg] [--view histogram] [--size WxH]
Runs a ProcLab lab with real processes, prints its summary and writes, if asked:
  --preset a lab&apos;s named set of values, e.g. producer-consumer --preset hot-dog
           (a wrong name lists the lab&apos;s presets); --set overrides a value
  --trace  the trace as Chrome/Perfetto JSON (File &gt; Open trace reopens it)
  --csv    the trace as CSV, one row per event (time in ms)
  --png    an image of --view (default timeline); --scale 2 doubles the pixels
  --svg    the same as a vector image (text stays text)
  --size   the image&apos;s size in logical pixels (default 1600x900; a timeline
           of a few processes is only as tall as its lanes need)
  --no-trace  record only each process&apos;s life, output and the summary
           (no per-event trace: the baseline for measuring tracing&apos;s cost)
  --repeat runs the lab N times (2-1000) with the same parameters and prints
           min/median/max of its key outcome and run time; --csv then writes one
           row per run, --png/--svg the histogram, --json the distribution;
           --compare also runs the lab&apos;s Python program N times under
           CPython and charts both side by side
--engine python runs the lab&apos;s own Python program (its Notes) under CPython with
the lab&apos;s parameters; --python runs any Python program (yours), traced the same
way: every process, lock, queue, pipe and shared value on the timeline.
Exit status: 0 success, 2 bad input, 3 the lab or program failed (non-zero exit,
uncaught exception), was stopped or timed out, or a file could not be written
(with --repeat: 3 unless every run finished).
</source>
        <translation>用法：proclab-run --list | --help | --version
       proclab-run LAB [--preset NAME] [--set key=value]... [--engine lab|python]
                   [--trace out.json] [--csv out.csv] [--png out.png] [--svg out.svg]
                   [--view timeline|chart|race|page] [--scale 1|2] [--size WxH]
                   [--json] [--timeout SECONDS] [--lang en|zh_CN] [--no-trace]
       proclab-run --python PROGRAM.py [以上选项] [--python-interpreter PATH]
                   [-- ARG...]
       proclab-run LAB --repeat N [--set key=value]... [--engine lab|python]
                   [--compare] [--csv runs.csv] [--json] [--png out.png]
                   [--svg out.svg] [--view histogram] [--size WxH]
用真实的进程运行一个 ProcLab 实验，打印摘要，并按要求写出：
  --preset 实验预先命名的一组参数值，例如 producer-consumer --preset hot-dog
           （名称写错时会列出该实验的全部预设）；--set 可覆盖其中的值
  --trace  Chrome/Perfetto JSON 格式的追踪数据（可用“文件 &gt; 打开追踪文件”重新打开）
  --csv    CSV 格式的追踪数据，每个事件一行（时间单位为毫秒）
  --png    --view 所选视图的图像（默认 timeline）；--scale 2 使像素加倍
  --svg    同样的内容，矢量图（文字保持为文字）
  --size   图像的逻辑像素尺寸（默认 1600x900；只有几个进程的时间线
           只取各泳道所需的高度）
  --no-trace  只记录每个进程的生命周期、输出和摘要
           （不记录逐个事件：衡量追踪开销时的基准）
  --repeat 用相同的参数把实验连续运行 N 次（2-1000），打印关键结果和运行时间的
           最小值/中位数/最大值；此时 --csv 每次运行写一行，--png/--svg 画出直方图，
           --json 输出整个分布；--compare 还会在 CPython 下把实验的 Python
           程序运行 N 次，并把两组结果并排画在一张图里
--engine python 用实验的参数在 CPython 下运行实验自带的 Python 程序（见“说明”）；
--python 运行任意 Python 程序（你自己的），以同样的方式追踪：每个进程、锁、
队列、管道和共享值都出现在时间线上。
退出状态：0 成功，2 输入有误，3 实验或程序失败（退出码非零、未捕获的异常）、
被停止或超时，或某个文件无法写入（使用 --repeat 时：只要有一次运行没有正常结束就是 3）。
</translation>
    </message>
</context>
<context>
    <name>CliRender</name>
    <message numerus="yes">
        <source>Run by proclab-run: %1, %n process(es)</source>
        <translation>
            <numerusform>由 proclab-run 运行：%1，%n 个进程</numerusform>
        </translation>
    </message>
    <message>
        <source>--view chart: this run of &apos;%1&apos; used no queue, there is no chart to draw</source>
        <translation>--view chart：这次 &apos;%1&apos; 运行没有用到队列，没有图表可画</translation>
    </message>
    <message>
        <source>--view race: this run of &apos;%1&apos; shared no value or file, there is no race panel to draw</source>
        <translation>--view race：这次 &apos;%1&apos; 运行没有共享的值或文件，没有竞争面板可画</translation>
    </message>
</context>
<context>
    <name>CliRun</name>
    <message numerus="yes">
        <source>lab %1: %2, %n process(es), %3 s</source>
        <translation>
            <numerusform>实验 %1：%2，%n 个进程，%3 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>lab %1 has no Python program</source>
        <translation>实验 %1 没有 Python 程序</translation>
    </message>
    <message>
        <source>%1: stopped by %2; the run did not end within %3 s, nothing written</source>
        <translation>%1：被 %2 停止；运行未在 %3 秒内结束，未写入任何文件</translation>
    </message>
    <message>
        <source>%1: stopped by %2; nothing written</source>
        <translation>%1：被 %2 停止；未写入任何文件</translation>
    </message>
    <message>
        <source>%1: stopped by %2; the partial run written to %3</source>
        <translation>%1：被 %2 停止；已将这次未完成的运行写入 %3</translation>
    </message>
</context>
<context>
    <name>CliSeries</name>
    <message>
        <source>run %1/%2: %3, %4 %5, %6 ms</source>
        <translation>第 %1/%2 次运行：%3，%4 %5，%6 毫秒</translation>
    </message>
    <message>
        <source>%1: %2 of %3 runs finished%4</source>
        <translation>%1：%3 次运行中有 %2 次正常结束%4</translation>
    </message>
    <message>
        <source>lab %1: %2 of %3 runs finished</source>
        <translation>实验 %1：%3 次运行中有 %2 次正常结束</translation>
    </message>
    <message>
        <source>min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>%1 (key outcome)</source>
        <translation>%1（关键结果）</translation>
    </message>
    <message>
        <source>(no run reported it)</source>
        <translation>（没有一次运行报告它）</translation>
    </message>
    <message numerus="yes">
        <source>%1: stopped by %2 after %n run(s)</source>
        <translation>
            <numerusform>%1：完成 %n 次运行后被 %2 停止</numerusform>
        </translation>
    </message>
    <message>
        <source>%1; nothing written</source>
        <translation>%1；没有写入任何文件</translation>
    </message>
    <message>
        <source>%1; their distribution written to %2</source>
        <translation>%1；这些运行的分布已写入 %2</translation>
    </message>
</context>
<context>
    <name>EventStyle</name>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>alive</source>
        <translation>存活</translation>
    </message>
    <message>
        <source>sleeping</source>
        <translation>休眠中</translation>
    </message>
    <message>
        <source>sleeping %1 ms</source>
        <translation>休眠 %1 毫秒</translation>
    </message>
    <message>
        <source>blocked in join()</source>
        <translation>阻塞在 join()</translation>
    </message>
    <message>
        <source>zombie (exited, not reaped)</source>
        <translation>僵尸进程（已退出，未回收）</translation>
    </message>
    <message>
        <source>zombie: exited, waiting to be reaped</source>
        <translation>僵尸进程：已退出，等待回收</translation>
    </message>
    <message>
        <source>waiting for a lock</source>
        <translation>等待锁</translation>
    </message>
    <message>
        <source>waiting for %1</source>
        <translation>等待 %1</translation>
    </message>
    <message>
        <source>holding a lock</source>
        <translation>持有锁</translation>
    </message>
    <message>
        <source>holding %1</source>
        <translation>持有 %1</translation>
    </message>
    <message>
        <source>put() blocked: queue full</source>
        <translation>put() 阻塞：队列已满</translation>
    </message>
    <message>
        <source>put() blocked: %1 is full</source>
        <translation>put() 阻塞：%1 已满</translation>
    </message>
    <message>
        <source>get() blocked: queue empty</source>
        <translation>get() 阻塞：队列为空</translation>
    </message>
    <message>
        <source>get() blocked: %1 is empty</source>
        <translation>get() 阻塞：%1 为空</translation>
    </message>
    <message>
        <source>recv() blocked: pipe empty</source>
        <translation>recv() 阻塞：管道为空</translation>
    </message>
    <message>
        <source>blocked in queue.join()</source>
        <translation>阻塞在 queue.join()</translation>
    </message>
    <message>
        <source>start(): the parent starts this child (arrow from the parent)</source>
        <translation>start()：父进程启动这个子进程（箭头来自父进程）</translation>
    </message>
    <message>
        <source>start(): created %1 (pid %2, %3)</source>
        <translation>start()：创建了 %1（pid %2，%3）</translation>
    </message>
    <message>
        <source>exit: the process ended, with its exit code</source>
        <translation>退出：进程结束，标出退出码</translation>
    </message>
    <message>
        <source>reaped: its parent (or the runner) collected the exit code</source>
        <translation>已回收：父进程（或 runner）取走了退出码</translation>
    </message>
    <message>
        <source>reaped by %1 (state before: %2)</source>
        <translation>由 %1 回收（此前状态：%2）</translation>
    </message>
    <message>
        <source>terminate() / kill(): a signal was sent</source>
        <translation>terminate() / kill()：发送了信号</translation>
    </message>
    <message>
        <source>%1() sent signal %2 to %3</source>
        <translation>%1() 向 %3 发送了信号 %2</translation>
    </message>
    <message>
        <source>daemon terminated when %1&apos;s code ended</source>
        <translation>%1 的代码结束时守护进程被终止</translation>
    </message>
    <message>
        <source>error: an exception was raised</source>
        <translation>错误：抛出了异常</translation>
    </message>
    <message>
        <source>new parent: an orphan adopted by the runner</source>
        <translation>新父进程：孤儿进程被 runner 收养</translation>
    </message>
    <message>
        <source>parent changed from pid %1 to pid %2 (seen in /proc)</source>
        <translation>父进程从 pid %1 变为 pid %2（在 /proc 中看到）</translation>
    </message>
    <message>
        <source>put (white tick) / get (black tick) on the queue</source>
        <translation>队列的 put（白色刻线）/ get（黑色刻线）</translation>
    </message>
    <message>
        <source>None: the sentinel that tells a consumer to stop</source>
        <translation>None：通知消费者停止的哨兵</translation>
    </message>
    <message>
        <source>read (white tick) / write (black tick) of a shared value</source>
        <translation>共享值的读（白色刻线）/ 写（黑色刻线）</translation>
    </message>
    <message>
        <source>%1 %2 = %3 (write #%4)</source>
        <translation>%1 %2 = %3（第 %4 次写入）</translation>
    </message>
    <message>
        <source>lost update: this write erased another process&apos;s update</source>
        <translation>丢失更新：这次写入抹掉了另一个进程的更新</translation>
    </message>
    <message>
        <source>pale: running but not on a CPU (sampled share)</source>
        <translation>浅色：可运行但不在 CPU 上（采样占比）</translation>
    </message>
    <message>
        <source>printed: %1</source>
        <translation>输出：%1</translation>
    </message>
    <message>
        <source>task_done() on %1: %2 unfinished</source>
        <translation>%1 上的 task_done()：还有 %2 项未完成</translation>
    </message>
    <message>
        <source>the holder of %1, %2, died without releasing it: lock recovered</source>
        <translation>%1 的持有者 %2 未释放锁就退出了：锁已恢复</translation>
    </message>
    <message>
        <source>R running/ready</source>
        <translation>R 运行/就绪</translation>
    </message>
    <message>
        <source>S sleeping</source>
        <translation>S 睡眠</translation>
    </message>
    <message>
        <source>D disk wait</source>
        <translation>D 等待磁盘</translation>
    </message>
    <message>
        <source>Z zombie</source>
        <translation>Z 僵尸</translation>
    </message>
    <message>
        <source>T stopped</source>
        <translation>T 已停止</translation>
    </message>
    <message>
        <source>Event.wait(): blocked until the event is set</source>
        <translation>Event.wait()：阻塞，直到事件被 set</translation>
    </message>
    <message>
        <source>waiting for %1 to be set</source>
        <translation>等待 %1 被 set</translation>
    </message>
    <message>
        <source>Condition.wait(): blocked until notified</source>
        <translation>Condition.wait()：阻塞，直到收到 notify</translation>
    </message>
    <message>
        <source>waiting on %1 to be notified</source>
        <translation>在 %1 上等待 notify</translation>
    </message>
    <message>
        <source>Barrier.wait(): blocked until every party has arrived</source>
        <translation>Barrier.wait()：阻塞，直到所有参与者都已到达</translation>
    </message>
    <message>
        <source>waiting at %1 for the other parties</source>
        <translation>在 %1 处等待其他参与者</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Image size must be between 1x1 and %1x%1 pixels, got %2x%3</source>
        <translation>图像尺寸必须在 1x1 到 %1x%1 像素之间，实际为 %2x%3</translation>
    </message>
    <message>
        <source>The image scale must be 1 or 2, got %1</source>
        <translation>图像缩放倍数必须为 1 或 2，实际为 %1</translation>
    </message>
    <message>
        <source>Exported by ProcLab %1</source>
        <translation>由 ProcLab %1 导出</translation>
    </message>
    <message>
        <source>the SVG could not be drawn</source>
        <translation>无法绘制 SVG</translation>
    </message>
    <message>
        <source>not enough memory for a %1x%2 image</source>
        <translation>内存不足，无法生成 %1x%2 的图像</translation>
    </message>
</context>
<context>
    <name>Lab</name>
    <message>
        <source>Lost updates (counter)</source>
        <translation>丢失的更新（计数器）</translation>
    </message>
    <message>
        <source>2. Locks and races</source>
        <translation>2. 锁与竞争</translation>
    </message>
    <message>
        <source>counter.value += 1 is a read then a write: without a lock, increments are lost.</source>
        <translation>counter.value += 1 是先读后写：不加锁时，一部分自增会丢失。</translation>
    </message>
    <message>
        <source>Processes incrementing the counter</source>
        <translation>对计数器做自增的进程数</translation>
    </message>
    <message>
        <source>Increments per process</source>
        <translation>每个进程的自增次数</translation>
    </message>
    <message>
        <source>Hold the counter&apos;s lock around each increment</source>
        <translation>每次自增期间持有计数器的锁</translation>
    </message>
    <message>
        <source>Pause between the read and the write (widens the race)</source>
        <translation>读与写之间的停顿（扩大竞争窗口）</translation>
    </message>
    <message>
        <source>µs</source>
        <translation>微秒</translation>
    </message>
    <message>
        <source>Daemon processes</source>
        <translation>守护进程</translation>
    </message>
    <message>
        <source>1. Processes</source>
        <translation>1. 进程</translation>
    </message>
    <message>
        <source>A daemon child dies with its parent&apos;s code; a normal child is waited for.</source>
        <translation>守护子进程随父进程的代码结束而终止；普通子进程则会被等待。</translation>
    </message>
    <message>
        <source>Start the child with daemon=True</source>
        <translation>以 daemon=True 启动子进程</translation>
    </message>
    <message>
        <source>How long the child works</source>
        <translation>子进程工作多久</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>How long main works before it ends</source>
        <translation>主进程结束前工作多久</translation>
    </message>
    <message>
        <source>Let the daemon try to start a child of its own (refused)</source>
        <translation>让守护进程尝试创建自己的子进程（会被拒绝）</translation>
    </message>
    <message>
        <source>Data isolation</source>
        <translation>数据隔离</translation>
    </message>
    <message>
        <source>A child changes its copy of a global; the parent&apos;s value does not move.</source>
        <translation>子进程修改的是全局变量的副本；父进程中的值保持不变。</translation>
    </message>
    <message>
        <source>fork copies main&apos;s current memory; spawn starts a fresh program</source>
        <translation>fork 复制主进程当前的内存；spawn 启动一个全新的程序</translation>
    </message>
    <message>
        <source>What main sets the global to before start()</source>
        <translation>主进程在 start() 之前给全局变量设定的值</translation>
    </message>
    <message>
        <source>join(): wait for children</source>
        <translation>join()：等待子进程</translation>
    </message>
    <message>
        <source>join() blocks the caller until the child ends; its position sets the total time.</source>
        <translation>join() 会阻塞调用者直到子进程结束；它写在哪里决定了总耗时。</translation>
    </message>
    <message>
        <source>How many child processes</source>
        <translation>子进程个数</translation>
    </message>
    <message>
        <source>How long each child works</source>
        <translation>每个子进程工作多久</translation>
    </message>
    <message>
        <source>Where main calls join()</source>
        <translation>主进程在哪里调用 join()</translation>
    </message>
    <message>
        <source>Lock holder terminated</source>
        <translation>持锁进程被终止</translation>
    </message>
    <message>
        <source>How long the holder keeps the lock</source>
        <translation>持有者占用锁的时长</translation>
    </message>
    <message>
        <source>When main terminates it</source>
        <translation>主进程何时终止它</translation>
    </message>
    <message>
        <source>Interleaved output</source>
        <translation>交错的输出</translation>
    </message>
    <message>
        <source>Processes writing one file mix their lines; a lock keeps each block whole.</source>
        <translation>多个进程写同一个文件时各行会混在一起；加锁能让每一段保持完整。</translation>
    </message>
    <message>
        <source>Processes writing lines</source>
        <translation>写入文本行的进程数</translation>
    </message>
    <message>
        <source>Lines each process writes</source>
        <translation>每个进程写入的行数</translation>
    </message>
    <message>
        <source>Hold a lock while writing the whole block</source>
        <translation>写整段内容期间持有锁</translation>
    </message>
    <message>
        <source>Pause after each line</source>
        <translation>每写一行后的停顿</translation>
    </message>
    <message>
        <source>Producers &amp; consumers</source>
        <translation>生产者与消费者</translation>
    </message>
    <message>
        <source>3. Queues</source>
        <translation>3. 队列</translation>
    </message>
    <message>
        <source>How do consumers know when to stop? One sentinel per producer leaves work undone.</source>
        <translation>消费者怎样知道何时停止？每个生产者只发一个哨兵会留下没做完的工作。</translation>
    </message>
    <message>
        <source>Producer processes</source>
        <translation>生产者进程数</translation>
    </message>
    <message>
        <source>Consumer processes</source>
        <translation>消费者进程数</translation>
    </message>
    <message>
        <source>Items each producer makes</source>
        <translation>每个生产者生产的数据项数</translation>
    </message>
    <message>
        <source>Queue(maxsize); 0 = unbounded</source>
        <translation>Queue(maxsize)；0 表示不限容量</translation>
    </message>
    <message>
        <source>Shortest time to make an item</source>
        <translation>生产一项的最短用时</translation>
    </message>
    <message>
        <source>Longest time to make an item</source>
        <translation>生产一项的最长用时</translation>
    </message>
    <message>
        <source>Shortest time to use an item</source>
        <translation>消费一项的最短用时</translation>
    </message>
    <message>
        <source>Longest time to use an item</source>
        <translation>消费一项的最长用时</translation>
    </message>
    <message>
        <source>How consumers learn that the work is done</source>
        <translation>消费者如何得知工作已经完成</translation>
    </message>
    <message>
        <source>Producer k starts k × this later (makes the sentinel bug show)</source>
        <translation>第 k 个生产者推迟 k × 此值启动（让哨兵问题显现出来）</translation>
    </message>
    <message>
        <source>Queue: blocking put/get</source>
        <translation>队列：阻塞的 put/get</translation>
    </message>
    <message>
        <source>A full queue blocks put(), an empty one blocks get(); without blocking they raise.</source>
        <translation>队列满时 put() 阻塞，队列空时 get() 阻塞；不阻塞时则直接抛出异常。</translation>
    </message>
    <message>
        <source>Queue(maxsize)</source>
        <translation>队列容量 Queue(maxsize)</translation>
    </message>
    <message>
        <source>How many items main puts</source>
        <translation>主进程放入的数据项数</translation>
    </message>
    <message>
        <source>How long the consumer waits before its first get</source>
        <translation>消费者第一次 get 之前等待多久</translation>
    </message>
    <message>
        <source>join() before get()</source>
        <translation>先 join() 后 get()</translation>
    </message>
    <message>
        <source>A child blocked in put() cannot end; joining it before emptying the queue hangs.</source>
        <translation>阻塞在 put() 中的子进程无法结束；在清空队列之前 join 它就会一直卡住。</translation>
    </message>
    <message>
        <source>Items the child puts</source>
        <translation>子进程放入的数据项数</translation>
    </message>
    <message>
        <source>What main does first</source>
        <translation>主进程先做哪一步</translation>
    </message>
    <message>
        <source>How long the doomed join() waits before the lab steps in</source>
        <translation>注定卡住的 join() 等待多久后由实验出手干预</translation>
    </message>
    <message>
        <source>Start processes</source>
        <translation>启动进程</translation>
    </message>
    <message>
        <source>Each child is a real process with its own pid; start() returns at once.</source>
        <translation>每个子进程都是拥有自己 pid 的真实进程；start() 会立即返回。</translation>
    </message>
    <message>
        <source>How many child processes to create</source>
        <translation>要创建的子进程个数</translation>
    </message>
    <message>
        <source>Shortest time a child works</source>
        <translation>子进程最短工作时间</translation>
    </message>
    <message>
        <source>Longest time a child works</source>
        <translation>子进程最长工作时间</translation>
    </message>
    <message>
        <source>Start method: copy the parent (fork) or a fresh program (spawn)</source>
        <translation>启动方式：复制父进程（fork）或启动全新程序（spawn）</translation>
    </message>
    <message>
        <source>terminate() and zombies</source>
        <translation>terminate() 与僵尸进程</translation>
    </message>
    <message>
        <source>How long the child would work</source>
        <translation>子进程原本要工作多久</translation>
    </message>
    <message>
        <source>When main calls terminate()</source>
        <translation>主进程何时调用 terminate()</translation>
    </message>
    <message>
        <source>How long main waits after terminate() before join()</source>
        <translation>主进程在 terminate() 之后等待多久再 join()</translation>
    </message>
    <message>
        <source>Ticket race (file)</source>
        <translation>抢票竞争（文件）</translation>
    </message>
    <message>
        <source>Buyers read a JSON file, then write it: without a lock one ticket is sold many times.</source>
        <translation>购票进程先读 JSON 文件再写回：不加锁时，同一张票会被卖出好几次。</translation>
    </message>
    <message>
        <source>Buyer processes</source>
        <translation>购票进程数</translation>
    </message>
    <message>
        <source>Tickets in the file at the start</source>
        <translation>文件中最初的票数</translation>
    </message>
    <message>
        <source>off: race; on: a Lock around buying; serialize: join each buyer</source>
        <translation>off：发生竞争；on：购票时加 Lock；serialize：逐个 join 购票进程</translation>
    </message>
    <message>
        <source>Time a read of the file takes</source>
        <translation>读一次文件所需的时间</translation>
    </message>
    <message>
        <source>Time before the write</source>
        <translation>写入之前等待的时间</translation>
    </message>
    <message>
        <source>hung: blocked in put() on a full queue nobody empties</source>
        <translation>卡住了：阻塞在 put() 上，而满的队列没有人去取</translation>
    </message>
    <message>
        <source>hung: waiting on get() for an item that never comes</source>
        <translation>卡住了：在 get() 上等待一个永远不会到来的数据项</translation>
    </message>
    <message>
        <source>Concurrency and parallelism</source>
        <translation>并发与并行</translation>
    </message>
    <message>
        <source>CPU-bound processes only finish sooner with more cores; waiting ones overlap on one.</source>
        <translation>计算密集的进程只有在多核上才会更快完成；等待型的进程在单核上也能重叠进行。</translation>
    </message>
    <message>
        <source>How many worker processes</source>
        <translation>工作进程个数</translation>
    </message>
    <message>
        <source>Compute (cpu), wait as for I/O (io), or half of each (mixed)</source>
        <translation>计算（cpu）、像 I/O 一样等待（io），或各占一半（mixed）</translation>
    </message>
    <message>
        <source>Work per task: CPU time to compute, or time to wait</source>
        <translation>每个任务的工作量：计算所用的 CPU 时间，或等待的时间</translation>
    </message>
    <message>
        <source>Pin every worker to one CPU, or let them use all CPUs</source>
        <translation>把所有工作进程固定在一个 CPU 上，还是允许使用全部 CPU</translation>
    </message>
    <message>
        <source>4. Inter-process communication</source>
        <translation>4. 进程间通信</translation>
    </message>
    <message>
        <source>Messages per channel</source>
        <translation>每种通道的消息数</translation>
    </message>
    <message>
        <source>Bytes per message (a Queue item holds at most 200)</source>
        <translation>每条消息的字节数（Queue 的一项最多 200 字节）</translation>
    </message>
    <message>
        <source>B</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Manager: a shared dict</source>
        <translation>Manager：共享字典</translation>
    </message>
    <message>
        <source>Worker processes writing one key each</source>
        <translation>工作进程个数（每个写入一个键）</translation>
    </message>
    <message>
        <source>Pipe: ping-pong and EOF</source>
        <translation>管道：一问一答与 EOF</translation>
    </message>
    <message>
        <source>Ping-pong rounds</source>
        <translation>一问一答的轮数</translation>
    </message>
    <message>
        <source>The child&apos;s work before each reply</source>
        <translation>子进程每次回复前的工作时间</translation>
    </message>
    <message>
        <source>Zombies and orphans</source>
        <translation>僵尸进程与孤儿进程</translation>
    </message>
    <message>
        <source>Show a zombie, an orphan, or one after the other</source>
        <translation>演示僵尸进程、孤儿进程，或依次演示两者</translation>
    </message>
    <message>
        <source>How long the zombie stays unjoined and the orphan runs on</source>
        <translation>僵尸进程保持未被 join 的时长，以及孤儿进程继续运行的时长</translation>
    </message>
    <message>
        <source>Speedup (serial time ÷ elapsed time)</source>
        <translation>加速比（串行时间 ÷ 实际用时）</translation>
    </message>
    <message>
        <source>Lost updates (expected − actual)</source>
        <translation>丢失的更新（预期 − 实际）</translation>
    </message>
    <message>
        <source>Main&apos;s elapsed time (ms)</source>
        <translation>主进程用时（毫秒）</translation>
    </message>
    <message>
        <source>Interleavings (a line from another process)</source>
        <translation>交错次数（下一行来自另一个进程）</translation>
    </message>
    <message>
        <source>Items left unprocessed</source>
        <translation>未被处理的数据项</translation>
    </message>
    <message>
        <source>Tickets sold (buyers who got one)</source>
        <translation>卖出的票数（买到票的购票进程）</translation>
    </message>
    <message>
        <source>Compare IPC: file, pipe, queue, shared memory, manager</source>
        <translation>比较 IPC：文件、管道、队列、共享内存、Manager</translation>
    </message>
    <message>
        <source>One producer sends the same messages to one consumer through a locked file, a Pipe, a Queue (a pipe plus a feeder thread and locks), a shared Array and a Manager list; messages per second and latency are measured.</source>
        <translation>一个生产者把同样的消息发给一个消费者，分别经过加锁的文件、Pipe、Queue（管道加上后台发送线程和锁）、共享的 Array 和 Manager 列表；测量每秒消息数和延迟。</translation>
    </message>
    <message>
        <source>hung: waiting for a lock its terminated holder never released</source>
        <translation>卡住了：在等待一把锁，而它被终止的持有者永远不会释放它</translation>
    </message>
    <message>
        <source>terminate() skips cleanup: the lock stays held for ever and the next acquirer hangs.</source>
        <translation>terminate() 跳过清理：锁永远处于被持有状态，下一个获取者会一直卡住。</translation>
    </message>
    <message>
        <source>How long main waits for the waiter, w.join(timeout), before terminating it</source>
        <translation>主进程用 w.join(timeout) 等待等待者多久，然后终止它</translation>
    </message>
    <message>
        <source>Workers write into a Manager dict served by its own process; appending to a list got from it changes a copy, lost until it is assigned back.</source>
        <translation>工作进程写入由独立进程提供服务的 Manager 字典；对从中取出的列表调用 append 只改变副本，赋值回去之前这些修改都会丢失。</translation>
    </message>
    <message>
        <source>Two processes talk through Pipe(); when the parent closes its end, the child&apos;s recv() raises EOFError.</source>
        <translation>两个进程通过 Pipe() 通信；父进程关闭自己的一端后，子进程的 recv() 抛出 EOFError。</translation>
    </message>
    <message>
        <source>Pipe(duplex): both ends send and receive, or one one-way pipe (a receive-only and a send-only end)</source>
        <translation>Pipe(duplex)：两端都能收发，或者是一条单向管道（一端只收，一端只发）</translation>
    </message>
    <message>
        <source>The course&apos;s hot-dog shops (3 producers, 2 consumers)</source>
        <translation>课程中的热狗店（3 个生产者，2 个消费者）</translation>
    </message>
    <message>
        <source>One producer, one consumer: the producer puts the None</source>
        <translation>一个生产者、一个消费者：由生产者放入 None</translation>
    </message>
    <message>
        <source>queue.Empty</source>
        <translation>queue.Empty</translation>
    </message>
    <message>
        <source>queue.Full</source>
        <translation>queue.Full</translation>
    </message>
    <message>
        <source>put()/get() wait (True) or put_nowait()/get_nowait() raise at once (False)</source>
        <translation>put()/get() 等待（True），或 put_nowait()/get_nowait() 立即抛出异常（False）</translation>
    </message>
    <message>
        <source>Longest wait when blocking: -1 is timeout=None (for ever), 0 raises at once</source>
        <translation>阻塞时最长等待时间：-1 即 timeout=None（一直等），0 立即抛出异常</translation>
    </message>
    <message>
        <source>Process(target=fn, name=..., kwargs=...) or a subclass whose __init__ sets self.name and that overrides run()</source>
        <translation>Process(target=fn, name=..., kwargs=...)，或者一个在 __init__ 中设置 self.name 并重写 run() 的子类</translation>
    </message>
    <message>
        <source>start() makes a new process; run() calls the body right here (and join() then raises)</source>
        <translation>start() 创建新进程；run() 就在此处执行任务（之后调用 join() 会抛出异常）</translation>
    </message>
    <message>
        <source>terminate() sends a signal and returns; the dead child is a zombie until join() (or is_alive()) reaps it.</source>
        <translation>terminate() 发出信号后立即返回；死去的子进程在被 join()（或 is_alive()）回收之前是僵尸进程。</translation>
    </message>
    <message>
        <source>Shared memory: Array</source>
        <translation>共享内存：Array</translation>
    </message>
    <message>
        <source>Workers fill an Array(&apos;i&apos;, n) that main sees; their copies of a plain list stay in the workers.</source>
        <translation>工作进程填写一个主进程也能看到的 Array(&apos;i&apos;, n)；它们各自那份普通列表的副本只留在工作进程里。</translation>
    </message>
    <message>
        <source>Worker processes filling the array</source>
        <translation>填写数组的工作进程数</translation>
    </message>
    <message>
        <source>Array(&apos;i&apos;, length): how many ints</source>
        <translation>Array(&apos;i&apos;, length)：整数的个数</translation>
    </message>
    <message>
        <source>A finished child stays a zombie until joined; a child whose parent ended (even by terminate()) is not a zombie: it runs on, adopted.</source>
        <translation>已结束的子进程在被 join 之前是僵尸进程；父进程结束（即使是被 terminate()）的子进程并不是僵尸：它被收养后继续运行。</translation>
    </message>
    <message>
        <source>How the orphan&apos;s parent ends: it leaves with os._exit(0), or main calls terminate() on it</source>
        <translation>孤儿进程的父进程如何结束：自己调用 os._exit(0) 退出，或由主进程对它调用 terminate()</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>--lang must be en or zh_CN, got %1</source>
        <translation>--lang 必须为 en 或 zh_CN，实际为 %1</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>OutcomeSeries</name>
    <message>
        <source>Run time (ms)</source>
        <translation>运行时间（毫秒）</translation>
    </message>
    <message>
        <source>there is no run %1</source>
        <translation>没有第 %1 次运行</translation>
    </message>
    <message>
        <source>run %1&apos;s trace was not kept: the series&apos; room for traces was used up</source>
        <translation>第 %1 次运行的追踪数据没有保留：该系列用于保存追踪数据的空间已经用完</translation>
    </message>
    <message>
        <source>run %1&apos;s trace is not saved yet</source>
        <translation>第 %1 次运行的追踪数据还没有保存好</translation>
    </message>
</context>
<context>
    <name>Params</name>
    <message>
        <source>terminate_after_ms (%1) must be less than hold_ms (%2), or the holder releases the lock before it is terminated</source>
        <translation>terminate_after_ms（%1）必须小于 hold_ms（%2），否则持有者会在被终止之前就释放锁</translation>
    </message>
    <message>
        <source>%1 (%2) must not exceed %3 (%4)</source>
        <translation>%1（%2）不能超过 %3（%4）</translation>
    </message>
    <message>
        <source>producers × items_per_producer must be at most 1000000, got %1</source>
        <translation>producers × items_per_producer 不能超过 1000000，实际为 %1</translation>
    </message>
    <message>
        <source>items (%1) must exceed maxsize (%2) for put() to block</source>
        <translation>items（%1）必须大于 maxsize（%2），put() 才会阻塞</translation>
    </message>
    <message>
        <source>unknown parameter &apos;%1&apos; for lab &apos;%2&apos; (known: %3)</source>
        <translation>实验 &apos;%2&apos; 没有参数 &apos;%1&apos;（可用参数：%3）</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>%1 must be a whole number %2, got &apos;%3&apos;</source>
        <translation>%1 必须是 %2 之间的整数，实际为 &apos;%3&apos;</translation>
    </message>
    <message>
        <source>%1 must be %2, got %3</source>
        <translation>%1 必须在 %2 之间，实际为 %3</translation>
    </message>
    <message>
        <source>%1 must be true or false, got &apos;%2&apos;</source>
        <translation>%1 必须为 true 或 false，实际为 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1 must be one of %2, got &apos;%3&apos;</source>
        <translation>%1 必须是 %2 之一，实际为 &apos;%3&apos;</translation>
    </message>
    <message>
        <source>%1: unknown parameter type</source>
        <translation>%1：未知的参数类型</translation>
    </message>
    <message>
        <source>workers × cpu_ms must be at most %1 ms (the work runs twice: serially, then in processes), got %2 × %3 = %4</source>
        <translation>workers × cpu_ms 最多为 %1 毫秒（工作会运行两遍：先串行，再用多进程），实际为 %2 × %3 = %4</translation>
    </message>
    <message>
        <source>messages × work_ms must be at most 60000 ms (one minute), got %1</source>
        <translation>messages × work_ms 最多为 60000 毫秒（一分钟），实际为 %1</translation>
    </message>
</context>
<context>
    <name>PythonRun</name>
    <message>
        <source>no Python program given</source>
        <translation>没有给出 Python 程序</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1：文件不存在</translation>
    </message>
    <message>
        <source>%1: not a file</source>
        <translation>%1：不是文件</translation>
    </message>
    <message>
        <source>%1: %2 bytes; a program may have at most %3</source>
        <translation>%1：%2 字节；程序最多只能有 %3 字节</translation>
    </message>
    <message>
        <source>%1: cannot read it: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <source>%1: not a Python program (not UTF-8 text)</source>
        <translation>%1：不是 Python 程序（不是 UTF-8 文本）</translation>
    </message>
    <message>
        <source>working directory %1 does not exist</source>
        <translation>工作目录 %1 不存在</translation>
    </message>
    <message>
        <source>no python3 found on PATH: install Debian&apos;s python3 (sudo apt-get install python3) or name one with --python-interpreter PATH</source>
        <translation>在 PATH 中找不到 python3：请安装 Debian 的 python3（sudo apt-get install python3），或用 --python-interpreter PATH 指定一个</translation>
    </message>
    <message>
        <source>--python-interpreter: %1 is not an executable program</source>
        <translation>--python-interpreter：%1 不是可执行程序</translation>
    </message>
    <message>
        <source>ProcLab&apos;s Python tracer is missing (reinstall ProcLab, or set PROCLAB_PYTHON_DIR to the directory that holds sitecustomize.py)</source>
        <translation>缺少 ProcLab 的 Python 追踪器（请重新安装 ProcLab，或把 PROCLAB_PYTHON_DIR 设为包含 sitecustomize.py 的目录）</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1 is %2 MB; ProcLab opens traces of at most %3 MB</source>
        <translation>%1 有 %2 MB；ProcLab 只打开不超过 %3 MB 的追踪文件</translation>
    </message>
    <message>
        <source>The trace is larger than %1 MB</source>
        <translation>追踪文件超过 %1 MB</translation>
    </message>
    <message>
        <source>The trace nests deeper than %1 levels: not a ProcLab trace</source>
        <translation>追踪文件的嵌套超过 %1 层：不是 ProcLab 追踪文件</translation>
    </message>
    <message>
        <source>The trace is not valid JSON (%1 at byte %2)</source>
        <translation>追踪文件不是有效的 JSON（第 %2 字节处：%1）</translation>
    </message>
    <message>
        <source>The trace must be a JSON object with traceEvents</source>
        <translation>追踪文件必须是含有 traceEvents 的 JSON 对象</translation>
    </message>
    <message>
        <source>Not a ProcLab trace: otherData.generator does not name proclab (ProcLab opens only traces it exported)</source>
        <translation>不是 ProcLab 追踪文件：otherData.generator 中没有 proclab（ProcLab 只打开自己导出的追踪文件）</translation>
    </message>
    <message>
        <source>traceEvents must be an array</source>
        <translation>traceEvents 必须是数组</translation>
    </message>
    <message>
        <source>traceEvents[%1]: needs ph, name and a numeric pid</source>
        <translation>traceEvents[%1]：需要 ph、name 和数值型的 pid</translation>
    </message>
    <message>
        <source>traceEvents[%1] (%2): ts must be a number</source>
        <translation>traceEvents[%1]（%2）：ts 必须是数字</translation>
    </message>
    <message>
        <source>traceEvents[%1] (%2): dur must be a number &gt;= 0</source>
        <translation>traceEvents[%1]（%2）：dur 必须是 &gt;= 0 的数字</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1 holds more than %2 MB of JSON; ProcLab opens traces of at most %2 MB</source>
        <translation>%1 含有超过 %2 MB 的 JSON；ProcLab 最多打开 %2 MB 的追踪文件</translation>
    </message>
    <message>
        <source>The trace holds more than %1 events; at most %1 are opened</source>
        <translation>追踪文件含有超过 %1 个事件；最多只能打开 %1 个</translation>
    </message>
</context>
<context>
    <name>Race</name>
    <message>
        <source>%1 read %2, %3 wrote %4, %1 wrote %5: %3&apos;s update is lost</source>
        <translation>%1 读到 %2，%3 写入 %4，%1 又写入 %5：%3 的更新丢失了</translation>
    </message>
</context>
<context>
    <name>Summary</name>
    <message>
        <source>expected</source>
        <translation>预期值</translation>
    </message>
    <message>
        <source>actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>lost_updates</source>
        <translation>丢失的更新</translation>
    </message>
    <message>
        <source>elapsed_ms</source>
        <translation>耗时（毫秒）</translation>
    </message>
    <message>
        <source>daemon</source>
        <translation>守护进程</translation>
    </message>
    <message>
        <source>main_code_ms</source>
        <translation>主进程代码耗时（毫秒）</translation>
    </message>
    <message>
        <source>child_exitcode</source>
        <translation>子进程退出码</translation>
    </message>
    <message>
        <source>child_terminated_by_main_exit</source>
        <translation>子进程随主进程退出而终止</translation>
    </message>
    <message>
        <source>method</source>
        <translation>启动方式</translation>
    </message>
    <message>
        <source>parent_value_after</source>
        <translation>之后父进程中的值</translation>
    </message>
    <message>
        <source>child_value_seen_at_start</source>
        <translation>子进程启动时看到的值</translation>
    </message>
    <message>
        <source>child_value_after</source>
        <translation>之后子进程中的值</translation>
    </message>
    <message>
        <source>expected_serial_ms</source>
        <translation>串行执行预计耗时（毫秒）</translation>
    </message>
    <message>
        <source>children_running_when_main_ended</source>
        <translation>主进程结束时仍在运行的子进程</translation>
    </message>
    <message>
        <source>holder_exitcode</source>
        <translation>持锁进程退出码</translation>
    </message>
    <message>
        <source>waiter_exitcode</source>
        <translation>等待进程退出码</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>switches</source>
        <translation>切换次数</translation>
    </message>
    <message>
        <source>minimum_possible_switches</source>
        <translation>最少可能的切换次数</translation>
    </message>
    <message>
        <source>produced</source>
        <translation>已生产</translation>
    </message>
    <message>
        <source>consumed</source>
        <translation>已消费</translation>
    </message>
    <message>
        <source>unprocessed</source>
        <translation>未处理</translation>
    </message>
    <message>
        <source>consumers_hung</source>
        <translation>卡住的消费者</translation>
    </message>
    <message>
        <source>producers_hung</source>
        <translation>卡住的生产者</translation>
    </message>
    <message>
        <source>max_depth</source>
        <translation>队列最大深度</translation>
    </message>
    <message>
        <source>items_per_s</source>
        <translation>每秒处理项数</translation>
    </message>
    <message>
        <source>puts_done</source>
        <translation>完成的 put 次数</translation>
    </message>
    <message>
        <source>full_raised</source>
        <translation>抛出了 queue.Full</translation>
    </message>
    <message>
        <source>gets_done</source>
        <translation>完成的 get 次数</translation>
    </message>
    <message>
        <source>join_blocked</source>
        <translation>join 被阻塞</translation>
    </message>
    <message>
        <source>items_received</source>
        <translation>收到的数据项</translation>
    </message>
    <message>
        <source>processes_created</source>
        <translation>创建的进程数</translation>
    </message>
    <message>
        <source>main_pid</source>
        <translation>主进程 pid</translation>
    </message>
    <message>
        <source>alive_after_terminate</source>
        <translation>terminate 后仍存活</translation>
    </message>
    <message>
        <source>alive_after_join</source>
        <translation>join 后仍存活</translation>
    </message>
    <message>
        <source>exitcode</source>
        <translation>退出码</translation>
    </message>
    <message>
        <source>tickets</source>
        <translation>票数</translation>
    </message>
    <message>
        <source>successes</source>
        <translation>购票成功次数</translation>
    </message>
    <message>
        <source>oversold</source>
        <translation>超卖张数</translation>
    </message>
    <message>
        <source>final_count_in_file</source>
        <translation>文件中最终的票数</translation>
    </message>
    <message>
        <source>detected_lost_updates</source>
        <translation>追踪中发现的丢失更新</translation>
    </message>
    <message>
        <source>workers</source>
        <translation>工作进程数</translation>
    </message>
    <message>
        <source>cpus_allowed</source>
        <translation>可用 CPU 数</translation>
    </message>
    <message>
        <source>pinned_cpu</source>
        <translation>固定到的 CPU</translation>
    </message>
    <message>
        <source>serial_ms</source>
        <translation>串行耗时（毫秒）</translation>
    </message>
    <message>
        <source>speedup</source>
        <translation>加速比</translation>
    </message>
    <message>
        <source>workers_cpu_ms</source>
        <translation>工作进程 CPU 时间（毫秒）</translation>
    </message>
    <message>
        <source>cores_busy</source>
        <translation>平均忙碌核数</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>消息数</translation>
    </message>
    <message>
        <source>received_intact</source>
        <translation>完整收到</translation>
    </message>
    <message>
        <source>msgs_per_s</source>
        <translation>每秒消息数</translation>
    </message>
    <message>
        <source>latency_us</source>
        <translation>延迟（微秒）</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>size_bytes</source>
        <translation>消息大小（字节）</translation>
    </message>
    <message>
        <source>fastest</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>methods</source>
        <translation>各通道</translation>
    </message>
    <message>
        <source>keys_written</source>
        <translation>写入的键数</translation>
    </message>
    <message>
        <source>keys_expected</source>
        <translation>预期键数</translation>
    </message>
    <message>
        <source>values_match_writer_pid</source>
        <translation>值与写入者 pid 相符</translation>
    </message>
    <message>
        <source>manager_name</source>
        <translation>Manager 进程名</translation>
    </message>
    <message>
        <source>manager_pid</source>
        <translation>Manager 的 pid</translation>
    </message>
    <message>
        <source>duplex</source>
        <translation>双向</translation>
    </message>
    <message>
        <source>messages_sent</source>
        <translation>发送的消息数</translation>
    </message>
    <message>
        <source>messages_received</source>
        <translation>收到的消息数</translation>
    </message>
    <message>
        <source>replies_in_order</source>
        <translation>回复按顺序到达</translation>
    </message>
    <message>
        <source>eof_seen</source>
        <translation>遇到 EOF</translation>
    </message>
    <message>
        <source>send_error</source>
        <translation>发送时的错误</translation>
    </message>
    <message>
        <source>zombie_pid</source>
        <translation>僵尸进程 pid</translation>
    </message>
    <message>
        <source>observed_state</source>
        <translation>观察到的状态</translation>
    </message>
    <message>
        <source>orphan_pid</source>
        <translation>孤儿进程 pid</translation>
    </message>
    <message>
        <source>old_ppid</source>
        <translation>原父进程 pid</translation>
    </message>
    <message>
        <source>new_ppid</source>
        <translation>新父进程 pid</translation>
    </message>
    <message>
        <source>runner_pid</source>
        <translation>runner 的 pid</translation>
    </message>
    <message>
        <source>reaped_by</source>
        <translation>回收者</translation>
    </message>
    <message>
        <source>main_exitcode</source>
        <translation>主进程退出码</translation>
    </message>
    <message>
        <source>processes</source>
        <translation>进程数</translation>
    </message>
    <message>
        <source>errors</source>
        <translation>错误数</translation>
    </message>
    <message>
        <source>slowest</source>
        <translation>最慢</translation>
    </message>
    <message>
        <source>appends_lost</source>
        <translation>丢失的追加</translation>
    </message>
    <message>
        <source>appends_kept</source>
        <translation>保留的追加</translation>
    </message>
    <message>
        <source>recv_error</source>
        <translation>接收时的错误</translation>
    </message>
    <message>
        <source>empty_raised</source>
        <translation>抛出了 queue.Empty</translation>
    </message>
    <message>
        <source>join_error</source>
        <translation>join 的错误</translation>
    </message>
    <message>
        <source>state_before_join</source>
        <translation>join 之前的状态</translation>
    </message>
    <message>
        <source>array_sum</source>
        <translation>数组之和</translation>
    </message>
    <message>
        <source>list_sum</source>
        <translation>列表之和</translation>
    </message>
    <message>
        <source>expected_sum</source>
        <translation>预期之和</translation>
    </message>
    <message>
        <source>parent_exitcode</source>
        <translation>父进程退出码</translation>
    </message>
    <message>
        <source>orphan_state</source>
        <translation>孤儿进程状态</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>exit -15 (SIGTERM)</source>
        <translation>退出 -15（SIGTERM）</translation>
    </message>
    <message>
        <source>exit -9 (SIGKILL)</source>
        <translation>退出 -9（SIGKILL）</translation>
    </message>
    <message>
        <source>exit %1</source>
        <translation>退出 %1</translation>
    </message>
    <message>
        <source>Press Run: each real process of the lab gets a lane here.</source>
        <translation>按“运行”：实验中的每个真实进程都会在这里占一条泳道。</translation>
    </message>
    <message>
        <source> (daemon)</source>
        <translation>（守护进程）</translation>
    </message>
    <message>
        <source>pid %1</source>
        <translation>pid %1</translation>
    </message>
    <message>
        <source>sleep %1 ms</source>
        <translation>sleep %1 毫秒</translation>
    </message>
    <message>
        <source>join %1 (at exit)</source>
        <translation>join %1（退出时）</translation>
    </message>
    <message>
        <source>join(%1)</source>
        <translation>join(%1)</translation>
    </message>
    <message>
        <source>zombie</source>
        <translation>僵尸进程</translation>
    </message>
    <message>
        <source>kill()</source>
        <translation>kill()</translation>
    </message>
    <message>
        <source>terminate()</source>
        <translation>terminate()</translation>
    </message>
    <message>
        <source>daemon terminated at main&apos;s exit</source>
        <translation>主进程退出时守护进程被终止</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>put(None)</source>
        <translation>put(None)</translation>
    </message>
    <message>
        <source>got None: stop</source>
        <translation>收到 None：停止</translation>
    </message>
    <message>
        <source> (killed: time seen when reaped)</source>
        <translation>（被杀死：时间为回收时观察到的）</translation>
    </message>
    <message>
        <source>%1(%2) on %3: depth %4 after it</source>
        <translation>%3 上的 %1(%2)：之后深度为 %4</translation>
    </message>
    <message>
        <source>blocked in join() on %1</source>
        <translation>阻塞在对 %1 的 join()</translation>
    </message>
    <message>
        <source>, timeout %1 s</source>
        <translation>，超时 %1 秒</translation>
    </message>
    <message>
        <source> (implicit, at exit)</source>
        <translation>（隐式，退出时）</translation>
    </message>
    <message>
        <source>: returned while the child was still alive</source>
        <translation>：返回时子进程仍然存活</translation>
    </message>
    <message>
        <source>, still going</source>
        <translation>，仍在进行</translation>
    </message>
    <message>
        <source>%1 — pid %2, parent pid %3</source>
        <translation>%1 — pid %2，父进程 pid %3</translation>
    </message>
    <message>
        <source>, daemon</source>
        <translation>，守护进程</translation>
    </message>
    <message>
        <source>CPU %1</source>
        <translation>CPU %1</translation>
    </message>
    <message>
        <source>recv() waits</source>
        <translation>recv() 等待中</translation>
    </message>
    <message>
        <source>manager %1</source>
        <translation>manager %1</translation>
    </message>
    <message>
        <source>adopted by the runner</source>
        <translation>被 runner 收养</translation>
    </message>
    <message>
        <source>new parent: %1</source>
        <translation>新父进程：%1</translation>
    </message>
    <message>
        <source>sched_setaffinity: may run only on CPU %1</source>
        <translation>sched_setaffinity：只能在 CPU %1 上运行</translation>
    </message>
    <message>
        <source>sched_setaffinity refused (CPU %1)</source>
        <translation>sched_setaffinity 被拒绝（CPU %1）</translation>
    </message>
    <message>
        <source>/proc: %1, last on CPU %2</source>
        <translation>/proc：%1，最近在 CPU %2 上</translation>
    </message>
    <message>
        <source>/proc: %1</source>
        <translation>/proc：%1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>wait %1</source>
        <translation>等待 %1</translation>
    </message>
</context>
<context>
    <name>TimelineLegend</name>
    <message>
        <source>running</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>sleep</source>
        <translation>睡眠</translation>
    </message>
    <message>
        <source>join()</source>
        <translation>join()</translation>
    </message>
    <message>
        <source>zombie</source>
        <translation>僵尸</translation>
    </message>
    <message>
        <source>lock wait</source>
        <translation>等锁</translation>
    </message>
    <message>
        <source>lock held</source>
        <translation>持锁</translation>
    </message>
    <message>
        <source>put() full</source>
        <translation>put() 满</translation>
    </message>
    <message>
        <source>get() empty</source>
        <translation>get() 空</translation>
    </message>
    <message>
        <source>recv() wait</source>
        <translation>recv() 等待</translation>
    </message>
    <message>
        <source>start()</source>
        <translation>start()</translation>
    </message>
    <message>
        <source>exit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>reaped</source>
        <translation>已回收</translation>
    </message>
    <message>
        <source>kill</source>
        <translation>信号</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>new parent</source>
        <translation>新父进程</translation>
    </message>
    <message>
        <source>put/get</source>
        <translation>put/get</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>read/write</source>
        <translation>读/写</translation>
    </message>
    <message>
        <source>lost update</source>
        <translation>丢失更新</translation>
    </message>
    <message>
        <source>off CPU</source>
        <translation>不在 CPU 上</translation>
    </message>
    <message>
        <source>/proc:</source>
        <translation>/proc：</translation>
    </message>
    <message>
        <source>The thin band under the bars: the state read from /proc</source>
        <translation>色条下方的细带：从 /proc 读到的状态</translation>
    </message>
    <message>
        <source>more: hover the legend</source>
        <translation>更多：把鼠标停在图例上</translation>
    </message>
    <message>
        <source>Event wait</source>
        <translation>Event 等待</translation>
    </message>
    <message>
        <source>Condition wait</source>
        <translation>Condition 等待</translation>
    </message>
    <message>
        <source>barrier wait</source>
        <translation>屏障等待</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>A visual lab for multiprocessing</source>
        <translation>多进程可视化实验室</translation>
    </message>
    <message>
        <source>Lab to show</source>
        <translation>要显示的实验</translation>
    </message>
    <message>
        <source>Parameter value</source>
        <translation>参数值</translation>
    </message>
    <message>
        <source>Run the lab at start</source>
        <translation>启动时运行实验</translation>
    </message>
    <message>
        <source>Save the window after the run, then quit</source>
        <translation>运行结束后保存窗口截图，然后退出</translation>
    </message>
    <message>
        <source>Interface language: en or zh_CN</source>
        <translation>界面语言：en 或 zh_CN</translation>
    </message>
    <message>
        <source>Projector mode: larger text, markers and lines (this session only)</source>
        <translation>投影模式：更大的文字、标记和线条（仅本次启动有效）</translation>
    </message>
    <message>
        <source>A trace to open, or a Python program to run</source>
        <translation>要打开的追踪文件，或要运行的 Python 程序</translation>
    </message>
    <message>
        <source>With --run: run the lab N times (Run ×N, N 2–1000)</source>
        <translation>与 --run 一起使用：把实验运行 N 次（运行 ×N，N 为 2–1000）</translation>
    </message>
    <message>
        <source>--repeat must be a whole number %1–%2, got &apos;%3&apos;</source>
        <translation>--repeat 必须是 %1–%2 之间的整数，实际为 &apos;%3&apos;</translation>
    </message>
    <message>
        <source>Run labs as lab (C++) or python (their own Python program under CPython), this session only</source>
        <translation>以 lab（C++）或 python（实验自带的 Python 程序，在 CPython 下）运行实验，仅限本次会话</translation>
    </message>
    <message>
        <source>With --repeat: also the same runs of the lab&apos;s Python program under CPython, side by side (Compare with Python)</source>
        <translation>与 --repeat 一起用：在 CPython 下把实验的 Python 程序也运行同样多次，并排显示（与 Python 对比）</translation>
    </message>
</context>
<context>
    <name>proclab::ConsoleView</name>
    <message>
        <source>All processes</source>
        <translation>全部进程</translation>
    </message>
    <message>
        <source>ERROR: </source>
        <translation>错误：</translation>
    </message>
</context>
<context>
    <name>proclab::DistributionPanel</name>
    <message>
        <source>finished</source>
        <translation>正常结束</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>崩溃</translation>
    </message>
    <message>
        <source>Press Run ×N to run the lab many times and see how its outcome varies</source>
        <translation>按“运行 ×N”把实验运行多次，看看结果如何变化</translation>
    </message>
    <message>
        <source>%1 — %2 runs</source>
        <translation>%1 — %2 次运行</translation>
    </message>
    <message>
        <source>Run %1 of %2… (Stop ends this run and the series)</source>
        <translation>第 %1 次运行（共 %2 次）……（“停止”会结束这次运行和整个系列）</translation>
    </message>
    <message>
        <source>Run the lab many times (Run ×N) to see how its outcome varies.</source>
        <translation>把实验运行多次（运行 ×N），看看结果如何变化。</translation>
    </message>
    <message>
        <source>Stopped after %1 of %2 runs.</source>
        <translation>在 %2 次运行中的第 %1 次后停止。</translation>
    </message>
    <message>
        <source>%1 did not finish (see the list).</source>
        <translation>%1 次没有正常结束（见列表）。</translation>
    </message>
    <message>
        <source>The timeline shows run %1.</source>
        <translation>时间线显示的是第 %1 次运行。</translation>
    </message>
    <message>
        <source>Click a bar or a run to show its timeline.</source>
        <translation>点击一根柱子或一次运行即可查看它的时间线。</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <source>Save the distribution chart</source>
        <translation>保存分布图</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>Cannot save the chart</source>
        <translation>无法保存图表</translation>
    </message>
    <message>
        <source>Save one row per run</source>
        <translation>保存每次运行一行的表格</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot save the runs</source>
        <translation>无法保存运行结果</translation>
    </message>
    <message>
        <source>&amp;Chart:</source>
        <translation>图表(&amp;C)：</translation>
    </message>
    <message>
        <source>Which number of the runs&apos; summaries the histogram counts</source>
        <translation>直方图统计各次运行摘要中的哪一个数值</translation>
    </message>
    <message>
        <source>Save image…</source>
        <translation>保存图像…</translation>
    </message>
    <message>
        <source>The chart as PNG or SVG</source>
        <translation>把图表保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation>保存 CSV…</translation>
    </message>
    <message>
        <source>One row per run: its number, every number of its summary, status</source>
        <translation>每次运行一行：序号、摘要中的每个数值、状态</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>A series is already running: stop it first</source>
        <translation>已有一个系列在运行：请先停止它</translation>
    </message>
    <message>
        <source>this lab has no Python program</source>
        <translation>这个实验没有 Python 程序</translation>
    </message>
    <message>
        <source>The timeline shows run %1 (%2).</source>
        <translation>时间线显示的是第 %1 次运行（%2）。</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>The run&apos;s number in its series (click a run to see its timeline)</source>
        <translation>这次运行在本组中的序号（点击一次运行即可查看它的时间线）</translation>
    </message>
    <message>
        <source>How the run ended</source>
        <translation>这次运行是如何结束的</translation>
    </message>
    <message>
        <source>C++: the lab; CPython: the lab&apos;s Python program</source>
        <translation>C++：实验本身；CPython：实验对应的 Python 程序</translation>
    </message>
</context>
<context>
    <name>proclab::ExportActions</name>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>PNG image, 2× pixels for print (*.png)</source>
        <translation>PNG 图像，2 倍像素用于打印 (*.png)</translation>
    </message>
    <message>
        <source>SVG vector image (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Chrome/Perfetto trace (*.json)</source>
        <translation>Chrome/Perfetto 追踪文件 (*.json)</translation>
    </message>
    <message>
        <source>CSV, one row per event (*.csv)</source>
        <translation>CSV，每个事件一行 (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Trace (JSON or CSV)…</source>
        <translation>追踪数据（JSON 或 CSV）(&amp;T)…</translation>
    </message>
    <message>
        <source>Time&amp;line (PNG or SVG)…</source>
        <translation>时间线（PNG 或 SVG）(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Queue depth chart (PNG or SVG)…</source>
        <translation>队列长度图（PNG 或 SVG）(&amp;Q)…</translation>
    </message>
    <message>
        <source>&amp;Race panel (PNG or SVG)…</source>
        <translation>竞争面板（PNG 或 SVG）(&amp;R)…</translation>
    </message>
    <message>
        <source>Whole lab &amp;page (PNG or SVG)…</source>
        <translation>整个实验页面（PNG 或 SVG）(&amp;P)…</translation>
    </message>
    <message>
        <source>Export this view as PNG or SVG…</source>
        <translation>将此视图导出为 PNG 或 SVG…</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <source>Export trace</source>
        <translation>导出追踪文件</translation>
    </message>
    <message>
        <source>timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>queue depth chart</source>
        <translation>队列长度图</translation>
    </message>
    <message>
        <source>race panel</source>
        <translation>竞争面板</translation>
    </message>
    <message>
        <source>lab page</source>
        <translation>实验页面</translation>
    </message>
    <message>
        <source>the %1 has nothing to show for this run</source>
        <translation>这次运行的%1没有可显示的内容</translation>
    </message>
    <message>
        <source>trace</source>
        <translation>追踪数据</translation>
    </message>
    <message>
        <source>Exported the %1 to %2</source>
        <translation>已将%1导出到 %2</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>proclab::IpcCompareChart</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 微秒</translation>
    </message>
    <message>
        <source>Messages per second (more is faster)</source>
        <translation>每秒消息数（越多越快）</translation>
    </message>
    <message>
        <source>Mean latency (less is better)</source>
        <translation>平均延迟（越小越好）</translation>
    </message>
    <message>
        <source>messages/s (log scale)</source>
        <translation>消息/秒（对数刻度）</translation>
    </message>
    <message>
        <source>µs (log scale)</source>
        <translation>微秒（对数刻度）</translation>
    </message>
    <message>
        <source>file+lock</source>
        <translation>文件+锁</translation>
    </message>
    <message>
        <source>Pipe</source>
        <translation>Pipe</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>%1: %2/s</source>
        <translation>%1：%2/秒</translation>
    </message>
    <message>
        <source>messages/s</source>
        <translation>消息/秒</translation>
    </message>
    <message>
        <source>latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Array</source>
        <translation>Array</translation>
    </message>
</context>
<context>
    <name>proclab::LabNotesPanel</name>
    <message>
        <source>What to look for</source>
        <translation>观察要点</translation>
    </message>
    <message>
        <source>Predict before you press Run</source>
        <translation>按“运行”之前先预测</translation>
    </message>
    <message>
        <source>your guess</source>
        <translation>你的猜测</translation>
    </message>
    <message>
        <source>your guess…</source>
        <translation>你的猜测…</translation>
    </message>
    <message>
        <source>This run:</source>
        <translation>本次运行：</translation>
    </message>
    <message>
        <source>The Python program this lab mirrors</source>
        <translation>本实验对应的 Python 程序</translation>
    </message>
    <message>
        <source>There are no notes for this lab yet.</source>
        <translation>这个实验还没有笔记。</translation>
    </message>
    <message>
        <source>Course: %1</source>
        <translation>课程章节：%1</translation>
    </message>
    <message>
        <source>Click an event in the timeline to see its line here.</source>
        <translation>点击时间线上的事件，可在这里看到对应的代码行。</translation>
    </message>
    <message>
        <source>✓ as you predicted</source>
        <translation>✓ 与你的预测一致</translation>
    </message>
    <message>
        <source>✗ not what you predicted</source>
        <translation>✗ 与你的预测不同</translation>
    </message>
    <message>
        <source>(no prediction made)</source>
        <translation>（未作预测）</translation>
    </message>
    <message>
        <source>%1 in %2: line %3</source>
        <translation>%2 中的 %1：第 %3 行</translation>
    </message>
    <message>
        <source>%1 in %2: no single line of this program stands for it</source>
        <translation>%2 中的 %1：程序中没有单独的一行与之对应</translation>
    </message>
    <message>
        <source>Your program: %1</source>
        <translation>你的程序：%1</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Your program runs under CPython, unchanged, with ProcLab&apos;s tracer watching every process it starts. Click an event in the timeline to see the line that caused it.</source>
        <translation>你的程序原封不动地在 CPython 下运行，ProcLab 的追踪器观察它启动的每一个进程。点击时间线上的事件，即可看到引发它的那一行代码。</translation>
    </message>
    <message>
        <source>%1 in %2: %3, line %4</source>
        <translation>%2 中的 %1：%3，第 %4 行</translation>
    </message>
</context>
<context>
    <name>proclab::LabPage</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全览</translation>
    </message>
    <message>
        <source>Show the whole run (or double-click the timeline)</source>
        <translation>显示整个运行过程（也可双击时间线）</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation>队列深度</translation>
    </message>
    <message>
        <source>Set the parameters and press Run.</source>
        <translation>设置好参数后按“运行”。</translation>
    </message>
    <message>
        <source>Running… (Stop ends every process of the lab)</source>
        <translation>运行中…（“停止”会结束实验的所有进程）</translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n process(es) ran</source>
        <translation>
            <numerusform>已完成：共运行了 %n 个进程</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped: every lab process was ended</source>
        <translation>已停止：实验的所有进程都已结束</translation>
    </message>
    <message>
        <source>Timed out: every lab process was ended</source>
        <translation>已超时：实验的所有进程都已结束</translation>
    </message>
    <message>
        <source>The lab failed: see the errors in the timeline</source>
        <translation>实验失败：请查看时间线中的错误</translation>
    </message>
    <message>
        <source>Opened a saved run (%1)</source>
        <translation>已打开保存的运行记录（%1）</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>IPC comparison</source>
        <translation>IPC 对比</translation>
    </message>
    <message>
        <source>Run as Python</source>
        <translation>以 Python 运行</translation>
    </message>
    <message>
        <source>Run the lab&apos;s own Python program (see Notes) under CPython with these parameters, instead of the C++ lab: the same views, the real interpreter</source>
        <translation>用这些参数在 CPython 下运行实验自带的 Python 程序（见“说明”），代替 C++ 实验：同样的视图，真正的解释器</translation>
    </message>
    <message>
        <source>arguments for the program (optional)</source>
        <translation>程序的参数（可选）</translation>
    </message>
    <message>
        <source>Stop the running lab before opening a program</source>
        <translation>打开程序之前，请先停止正在运行的实验</translation>
    </message>
    <message>
        <source>Your Python program, run under CPython: every process it starts, every lock, queue, pipe and shared value it uses, drawn live. (%1)</source>
        <translation>你的 Python 程序，在 CPython 下运行：它启动的每个进程、用到的每个锁、队列、管道和共享值，都会实时画出来。（%1）</translation>
    </message>
    <message>
        <source>Press Run to run your program.</source>
        <translation>按“运行”来运行你的程序。</translation>
    </message>
    <message>
        <source>this lab has no Python program</source>
        <translation>这个实验没有 Python 程序</translation>
    </message>
    <message>
        <source> (Python)</source>
        <translation>（Python）</translation>
    </message>
    <message>
        <source>Done: the Distribution tab shows the runs.</source>
        <translation>完成：“分布”标签页显示了所有运行。</translation>
    </message>
    <message>
        <source>Run %1 of %2: %3</source>
        <translation>第 %1/%2 次运行：%3</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>分布</translation>
    </message>
    <message>
        <source>Running the lab many times… (Stop ends the series)</source>
        <translation>正在多次运行实验……（“停止”会结束整个系列）</translation>
    </message>
</context>
<context>
    <name>proclab::LabSession</name>
    <message>
        <source>A lab is already running: stop it first</source>
        <translation>已有实验在运行：请先停止它</translation>
    </message>
    <message>
        <source>unknown lab &apos;%1&apos; (labs: %2)</source>
        <translation>未知实验 &apos;%1&apos;（可用实验：%2）</translation>
    </message>
    <message>
        <source>cannot create the trace ring: %1</source>
        <translation>无法创建追踪环形缓冲区：%1</translation>
    </message>
    <message>
        <source>cannot create the run&apos;s directory in %1: %2</source>
        <translation>无法在 %1 中创建本次运行的目录：%2</translation>
    </message>
    <message>
        <source>cannot start the lab engine %1: %2</source>
        <translation>无法启动实验引擎 %1：%2</translation>
    </message>
    <message>
        <source>lab engine stopped unexpectedly</source>
        <translation>实验引擎意外停止</translation>
    </message>
    <message>
        <source>the lab engine refused the parameters</source>
        <translation>实验引擎拒绝了这些参数</translation>
    </message>
    <message>
        <source>the lab&apos;s main process failed</source>
        <translation>实验的主进程失败了</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>proclab::LabSessionEngine</name>
    <message>
        <source>A lab is already running: stop it first</source>
        <translation>已有实验在运行：请先停止它</translation>
    </message>
</context>
<context>
    <name>proclab::MainWindow</name>
    <message>
        <source>ProcLab — watch real processes</source>
        <translation>ProcLab — 观察真实的进程</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open trace…</source>
        <translation>打开追踪文件(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Run lab</source>
        <translation>运行实验(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Fit whole run</source>
        <translation>显示整个运行过程(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About ProcLab</source>
        <translation>关于 ProcLab(&amp;A)</translation>
    </message>
    <message>
        <source>About ProcLab</source>
        <translation>关于 ProcLab</translation>
    </message>
    <message>
        <source>ProcLab %1
A visual lab for multiprocessing: every lab runs real processes and shows what really happened.</source>
        <translation>ProcLab %1
多进程可视化实验室：每个实验都运行真实的进程，并展示实际发生的一切。</translation>
    </message>
    <message>
        <source>Stop the running lab before opening a trace</source>
        <translation>打开追踪文件前，请先停止正在运行的实验</translation>
    </message>
    <message>
        <source>Open trace</source>
        <translation>打开追踪文件</translation>
    </message>
    <message>
        <source>Cannot open trace</source>
        <translation>无法打开追踪文件</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Presentation</source>
        <translation>投影模式(&amp;P)</translation>
    </message>
    <message>
        <source>Larger text, markers and lines for a projector</source>
        <translation>为投影仪放大文字、标记和线条</translation>
    </message>
    <message>
        <source>ProcLab trace (*.json *.json.gz)</source>
        <translation>ProcLab 追踪文件 (*.json *.json.gz)</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>Open &amp;Python program…</source>
        <translation>打开 &amp;Python 程序…</translation>
    </message>
    <message>
        <source>Run as &amp;Python</source>
        <translation>以 &amp;Python 运行</translation>
    </message>
    <message>
        <source>Python &amp;interpreter…</source>
        <translation>Python 解释器(&amp;I)…</translation>
    </message>
    <message>
        <source>Open Python program</source>
        <translation>打开 Python 程序</translation>
    </message>
    <message>
        <source>Python program (*.py)</source>
        <translation>Python 程序 (*.py)</translation>
    </message>
    <message>
        <source>Cannot open the program</source>
        <translation>无法打开该程序</translation>
    </message>
    <message>
        <source>Python interpreter</source>
        <translation>Python 解释器</translation>
    </message>
    <message>
        <source>The Python that runs programs (a path, or a name on PATH; empty: python3):</source>
        <translation>用来运行程序的 Python（路径，或 PATH 中的名字；留空则为 python3）：</translation>
    </message>
</context>
<context>
    <name>proclab::OutcomeHistogram</name>
    <message>
        <source>runs</source>
        <translation>运行次数</translation>
    </message>
    <message>
        <source>n = %1: min %2 · median %3 · max %4</source>
        <translation>n = %1：最小值 %2 · 中位数 %3 · 最大值 %4</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>proclab::ParameterForm</name>
    <message>
        <source>no lab selected</source>
        <translation>未选择实验</translation>
    </message>
    <message>
        <source>preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>(defaults)</source>
        <translation>（默认值）</translation>
    </message>
    <message>
        <source>Named values for this lab, as the course&apos;s own programs use them; change any field afterwards.</source>
        <translation>此实验预先命名的一组参数值，与课程中的程序一致；之后可以修改任何一项。</translation>
    </message>
</context>
<context>
    <name>proclab::ProcessTreeModel</name>
    <message>
        <source>not started</source>
        <translation>未启动</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>sleeping: sleep()</source>
        <translation>睡眠：sleep()</translation>
    </message>
    <message>
        <source>sleeping: join()</source>
        <translation>睡眠：join()</translation>
    </message>
    <message>
        <source>sleeping: lock</source>
        <translation>睡眠：等锁</translation>
    </message>
    <message>
        <source>sleeping: put()</source>
        <translation>睡眠：put()</translation>
    </message>
    <message>
        <source>sleeping: get()</source>
        <translation>睡眠：get()</translation>
    </message>
    <message>
        <source>sleeping: queue.join()</source>
        <translation>睡眠：queue.join()</translation>
    </message>
    <message>
        <source>sleeping: recv()</source>
        <translation>睡眠：recv()</translation>
    </message>
    <message>
        <source>sleeping: manager</source>
        <translation>睡眠：等待 manager</translation>
    </message>
    <message>
        <source>disk wait (D)</source>
        <translation>等待磁盘（D）</translation>
    </message>
    <message>
        <source>sleeping</source>
        <translation>睡眠中</translation>
    </message>
    <message>
        <source>zombie</source>
        <translation>僵尸进程</translation>
    </message>
    <message>
        <source>exited</source>
        <translation>已退出</translation>
    </message>
    <message>
        <source>reaped</source>
        <translation>已回收</translation>
    </message>
    <message>
        <source>-15: ended by SIGTERM (terminate())</source>
        <translation>-15：被 SIGTERM 结束（terminate()）</translation>
    </message>
    <message>
        <source>-9: ended by SIGKILL (kill())</source>
        <translation>-9：被 SIGKILL 结束（kill()）</translation>
    </message>
    <message>
        <source>%1: ended by signal %2</source>
        <translation>%1：被信号 %2 结束</translation>
    </message>
    <message>
        <source>%1: the process exited with code %1</source>
        <translation>%1：进程以退出码 %1 结束</translation>
    </message>
    <message>
        <source>proclab-runner
(subreaper)</source>
        <translation>proclab-runner
（subreaper）</translation>
    </message>
    <message>
        <source>%1 (daemon)</source>
        <translation>%1（守护进程）</translation>
    </message>
    <message>
        <source>↳ re-parented from %1</source>
        <translation>↳ 原父进程 %1</translation>
    </message>
    <message>
        <source>The runner supervises the lab. As a subreaper it adopts every orphan whose parent died, and reaps it.</source>
        <translation>runner 负责监管实验。作为 subreaper，它会收养每个父进程已死的孤儿进程，并回收它。</translation>
    </message>
    <message>
        <source>%1&apos;s parent %2 died at %3 ms; the kernel gave %1 to the subreaper (pid %4).</source>
        <translation>%1 的父进程 %2 在 %3 毫秒时结束；内核把 %1 交给了 subreaper（pid %4）。</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>退出码</translation>
    </message>
</context>
<context>
    <name>proclab::ProcessTreeView</name>
    <message>
        <source>Processes at %1 s</source>
        <translation>%1 秒时的进程</translation>
    </message>
    <message>
        <source>Processes now (live)</source>
        <translation>当前进程（实时）</translation>
    </message>
    <message>
        <source>Processes at the end of the run</source>
        <translation>运行结束时的进程</translation>
    </message>
</context>
<context>
    <name>proclab::PythonLabEngine</name>
    <message>
        <source>A lab is already running: stop it first</source>
        <translation>已有实验在运行：请先停止它</translation>
    </message>
    <message>
        <source>lab &apos;%1&apos; has no Python program</source>
        <translation>实验 &apos;%1&apos; 没有 Python 程序</translation>
    </message>
</context>
<context>
    <name>proclab::QueueDepthChart</name>
    <message>
        <source>put() blocked (full)</source>
        <translation>put() 阻塞（队列满）</translation>
    </message>
    <message>
        <source>get() blocked (empty)</source>
        <translation>get() 阻塞（队列空）</translation>
    </message>
    <message>
        <source>maxsize</source>
        <translation>maxsize 上限</translation>
    </message>
    <message>
        <source>process</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>put</source>
        <translation>放入</translation>
    </message>
    <message>
        <source>got</source>
        <translation>取出</translation>
    </message>
    <message>
        <source>items in %1</source>
        <translation>%1 中的数据项</translation>
    </message>
</context>
<context>
    <name>proclab::RacePanel</name>
    <message>
        <source>Click a lost update to zoom the timeline to it</source>
        <translation>点击一条丢失的更新，时间线会缩放到那里</translation>
    </message>
    <message>
        <source>&lt;b&gt;Shared file over time&lt;/b&gt;</source>
        <translation>&lt;b&gt;共享文件随时间的变化&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1  %2 wrote %3: %4</source>
        <translation>%1  %2 写入 %3：%4</translation>
    </message>
    <message>
        <source> (the first %1 listed)</source>
        <translation>（列出前 %1 条）</translation>
    </message>
    <message>
        <source>expected %1</source>
        <translation>预期 %1</translation>
    </message>
    <message>
        <source>got %1</source>
        <translation>实际 %1</translation>
    </message>
    <message>
        <source>%1 ticket(s)</source>
        <translation>%1 张票</translation>
    </message>
    <message>
        <source>%1 sold</source>
        <translation>卖出 %1 张</translation>
    </message>
    <message numerus="yes">
        <source>%n lost update(s) found in the trace%1:</source>
        <translation>
            <numerusform>在追踪记录中发现 %n 次丢失的更新%1：</numerusform>
        </translation>
    </message>
    <message>
        <source>No lost update: every write was based on the latest value.</source>
        <translation>没有丢失的更新：每次写入都基于最新的值。</translation>
    </message>
</context>
<context>
    <name>proclab::RepeatControl</name>
    <message>
        <source>Run ×%1</source>
        <translation>运行 ×%1</translation>
    </message>
    <message>
        <source>Run the lab %1 times, one run after another with the same parameters, and chart how the outcome varies (Distribution tab)</source>
        <translation>用相同的参数把实验一次接一次地运行 %1 次，并用图表显示结果如何变化（“分布”标签页）</translation>
    </message>
    <message>
        <source>How many runs (%1–%2)</source>
        <translation>运行次数（%1–%2）</translation>
    </message>
    <message>
        <source>Compare with Python</source>
        <translation>与 Python 对比</translation>
    </message>
    <message>
        <source>Run as Python is on: Run ×N makes CPython&apos;s runs only</source>
        <translation>已勾选“以 Python 运行”：Run ×N 只做 CPython 的运行</translation>
    </message>
    <message>
        <source>After the lab&apos;s runs, run the lab&apos;s own Python program (see Notes) as many times under CPython and chart both on the same bins</source>
        <translation>实验的运行结束后，在 CPython 下把实验自带的 Python 程序（见“说明”）运行同样多次，并把两组结果画在相同的分组上</translation>
    </message>
    <message>
        <source>Run ×N is for labs: ProcLab does not know which number your own program is about, so it has no outcome to chart.</source>
        <translation>Run ×N 只用于实验：ProcLab 不知道你自己的程序关注的是哪个数字，因此没有可以画出的结果。</translation>
    </message>
</context>
<context>
    <name>proclab::SeriesRunner</name>
    <message>
        <source>A series is already running: stop it first</source>
        <translation>已有一个系列在运行：请先停止它</translation>
    </message>
    <message>
        <source>the number of runs must be %1–%2, got %3</source>
        <translation>运行次数必须为 %1–%2，实际为 %3</translation>
    </message>
    <message>
        <source>cannot create the series&apos; directory in %1: %2</source>
        <translation>无法在 %1 中创建该系列的目录：%2</translation>
    </message>
</context>
<context>
    <name>proclab::TraceOpener</name>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open trace</source>
        <translation>打开追踪文件</translation>
    </message>
</context>
<context>
    <name>proclab::WindowLayout</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Show the whole run</source>
        <translation>显示整个运行</translation>
    </message>
    <message>
        <source>Labs</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Show or hide the list of labs</source>
        <translation>显示或隐藏实验列表</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Show or hide the lab&apos;s parameters</source>
        <translation>显示或隐藏实验参数</translation>
    </message>
    <message>
        <source>Show or hide the run&apos;s summary</source>
        <translation>显示或隐藏本次运行的摘要</translation>
    </message>
    <message>
        <source>Show or hide the process tree</source>
        <translation>显示或隐藏进程树</translation>
    </message>
    <message>
        <source>Show or hide the notes, the output and the charts</source>
        <translation>显示或隐藏说明、输出和图表</translation>
    </message>
    <message>
        <source>Timeline only</source>
        <translation>仅时间线</translation>
    </message>
    <message>
        <source>Show only the timeline (F11); press F11 again to bring everything back</source>
        <translation>只显示时间线（F11）；再按 F11 恢复全部</translation>
    </message>
</context>
<context>
    <name>proclab::WindowScreenshot</name>
    <message>
        <source>cannot write the screenshot %1: the folder %2 does not exist</source>
        <translation>无法写入截图 %1：文件夹 %2 不存在</translation>
    </message>
    <message>
        <source>cannot write the screenshot %1: it is a folder</source>
        <translation>无法写入截图 %1：这是一个文件夹</translation>
    </message>
    <message>
        <source>cannot write the screenshot %1: unknown image format &apos;%2&apos; (use .png)</source>
        <translation>无法写入截图 %1：未知的图片格式 &apos;%2&apos;（请用 .png）</translation>
    </message>
    <message>
        <source>cannot write the screenshot %1: %2</source>
        <translation>无法写入截图 %1：%2</translation>
    </message>
    <message>
        <source>the run did not start: %1 shows why</source>
        <translation>运行没有开始：%1 显示了原因</translation>
    </message>
</context>
</TS>
