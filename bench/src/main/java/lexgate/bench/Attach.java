package lexgate.bench;

import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.VirtualMachine;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What bench/run asks of the running service's JVM from outside, through the JDK's attach API, so
 * that the service needs no benchmark code of its own:
 * <ul>
 *   <li>{@code allocated PID}: the bytes its threads have allocated since it started
 *       ({@link ThreadMXBean#getTotalThreadAllocatedBytes()} over the local JMX agent; exact, unlike
 *       a GC-time counter, which lags by up to the young generation's size);</li>
 *   <li>{@code profile PID start|start-alloc|stop WORKDIR [FILE]}: async-profiler (the library shipped in its
 *       Maven jar, {@code tools.profiler:async-profiler}) loaded as an agent into the service, CPU
 *       samples by interval timer (works in containers where perf events are not allowed), or with
 *       start-alloc where the bytes are allocated, each stack under its thread; stop
 *       writes FILE.collapsed (stacks, one per line, for reading the top frames) and FILE.html (a
 *       flame graph).</li>
 * </ul>
 * Each call is a short JVM of its own, run by bench/run outside the windows whose CPU it measures.
 */
public final class Attach {
    private Attach() {}

    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[1]);
        try {
            switch (args[0]) {
                case "allocated" -> System.out.println(allocated(vm));
                case "profile" -> profile(vm, args[2], Path.of(args[3]), args.length > 4 ? args[4] : null);
                default -> throw new IllegalArgumentException("allocated PID | profile PID start|stop WORKDIR [FILE]");
            }
        } finally {
            vm.detach();
        }
    }

    private static long allocated(VirtualMachine vm) throws Exception {
        String address = vm.startLocalManagementAgent();
        try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(mbs, ManagementFactory.THREAD_MXBEAN_NAME,
                    ThreadMXBean.class);
            return threads.getTotalThreadAllocatedBytes();
        }
    }

    private static void profile(VirtualMachine vm, String action, Path work, String file) throws Exception {
        Path lib = work.resolve("libasyncProfiler.so");
        if (!Files.exists(lib)) {
            String arch = System.getProperty("os.arch").contains("aarch64") ? "linux-arm64" : "linux-x64";
            try (InputStream in = one.profiler.AsyncProfiler.class.getResourceAsStream("/" + arch + "/libasyncProfiler.so")) {
                if (in == null) throw new IllegalStateException("no async-profiler library for " + arch + " in its jar");
                Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // threads: every stack starts with its thread's name ([lexgate-eval-1 tid=...]), so that a
        // flame graph shows the evaluation workers, the HTTP event loops and the decision writer
        // apart, as the table's row "by thread" counts them from /proc.
        if (action.equals("start")) {
            vm.loadAgentPath(lib.toString(), "start,event=itimer,interval=1ms,threads");
        } else if (action.equals("start-alloc")) {
            // Allocation samples, one per 64 KB allocated (TLAB refills and outside-TLAB allocations).
            vm.loadAgentPath(lib.toString(), "start,event=alloc,alloc=64k,threads");
        } else {
            vm.loadAgentPath(lib.toString(), "dump,collapsed,file=" + file + ".collapsed");
            vm.loadAgentPath(lib.toString(), "stop,file=" + file + ".html");
        }
    }
}
