import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one JUnit test method (a Jazzer {@code @FuzzTest}) in this JVM, so that bench/fuzz.sh pays for Maven once per
 * module instead of once per target. Jazzer reads its settings from system properties ({@code -Djazzer.*}) and
 * {@code JAZZER_FUZZ}. Exits 0 when the test passed, 1 when it failed (a finding), 2 on a usage error.
 * {@code java -cp TEST_CLASSPATH bench/java/FuzzOne.java dev.bulwark.x.SomeFuzzTest#method}
 */
public class FuzzOne {

    public static void main(String[] args) {
        if (args.length != 1 || !args[0].contains("#")) {
            System.err.println("usage: FuzzOne CLASS#METHOD");
            System.exit(2);
        }
        String method = args[0].contains("(") ? args[0] : args[0] + "(byte[])"; // every target takes byte[]
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(method)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        summary.printFailuresTo(new java.io.PrintWriter(System.out), 40);
        System.out.println("FuzzOne: " + args[0] + ": " + summary.getTestsSucceededCount() + " passed, "
                + summary.getTestsFailedCount() + " failed");
        System.exit(summary.getTotalFailureCount() == 0 && summary.getTestsFoundCount() > 0 ? 0 : 1);
    }
}
