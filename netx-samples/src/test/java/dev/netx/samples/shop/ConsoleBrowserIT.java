package dev.netx.samples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Netx console of the running shop, in a real browser (headless Chromium driven by Selenium):
 * the pages load; a failed order's timeline shows its compensation and the remote exception; a dead
 * letter (a refund that failed while the payment provider was down) is relayed from the page and its
 * saga finishes. Saves a screenshot of each page in {@code target/console-screenshots} (the README's).
 */
class ConsoleBrowserIT {

    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static RedisLauncher launcher;
    private static Path data;
    private static Path providerDown;
    private static ShopProcess order;
    private static ShopProcess payment;
    private static ShopProcess inventory;
    private static Shop shop;
    private static WebDriver browser;

    @BeforeAll
    static void startShopAndBrowser() throws IOException {
        launcher = new RedisLauncher();
        RedisServer redis = launcher.standalone();
        data = Files.createTempDirectory("console-it");
        providerDown = data.resolve("payment-provider-down");
        payment = ShopProcess.start(ShopRole.PAYMENT, redis.uri(), data,
                "--netx.max-deliveries=2", "--shop.faults.refunds-down-while=" + providerDown);
        inventory = ShopProcess.start(ShopRole.INVENTORY, redis.uri(), data);
        order = ShopProcess.start(ShopRole.ORDER, redis.uri(), data, "--shop.order-timeout=3s");
        shop = new Shop(order, payment, inventory);
        ChromeOptions options = new ChromeOptions().setBinary(chromium()).addArguments("--headless=new",
                "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(executable("chromedriver")).toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        browser.manage().window().setSize(new Dimension(1400, 1000));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stopAll() {
        if (browser != null) {
            browser.quit();
        }
        for (ShopProcess process : new ShopProcess[] {order, payment, inventory}) {
            if (process != null) {
                process.close();
            }
        }
        if (launcher != null) {
            launcher.close();
        }
    }

    @Test
    void theConsoleShowsAFailedOrdersTimelineAndRelaysADeadLetterUntilItsSagaFinishes() throws IOException {
        String console = order.url(ShopRole.ORDER, "/actuator/netx-console").toString();
        Shop.Answer confirmed = shop.placeOrder("orchestration", order("c1", "p1", 1, 100));
        assertThat(confirmed.status()).isEqualTo(201);
        Shop.Answer poor = shop.placeOrder("orchestration", order("c2", "p1", 1, 1_000_000));
        assertThat(poor.status()).isEqualTo(409);
        String poorSaga = poor.text("sagaId");

        // orders before anyone looks: the overview opened afterwards charts them, as Redis keeps the activity
        for (int i = 0; i < 12; i++) {
            placeSomeOrder(i);
        }
        browser.get(console);
        wait(By.id("backlog"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("running sagas", "rolled back");
        // (the charts end with the last whole interval of 10 s)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(charted("#chart", "started"))
                .isGreaterThanOrEqualTo(14));
        // more orders while the page is open: its charts and each group's rate follow
        for (int i = 12; i < 24; i++) {
            placeSomeOrder(i);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(charted("#chart", "started")).isGreaterThanOrEqualTo(26);
            assertThat(charted("#chart", "rolled back")).isGreaterThanOrEqualTo(1);
            assertThat(charted("#throughput", "payment")).isGreaterThanOrEqualTo(26);
            assertThat(Double.parseDouble(browser.findElement(By.cssSelector("#groups tr[data-group=payment] td.rate"))
                    .getText())).isPositive();
        });
        shot("overview");

        // the failed order, found by its saga id: its timeline shows the remote failure and the compensation
        browser.get(console + "#/sagas?q=" + poorSaga);
        wait(By.cssSelector("#sagas a")).click();
        wait(By.id("timeline"));
        String timeline = browser.findElement(By.id("timeline")).getText();
        assertThat(timeline).contains("CALL", "payment", "InsufficientBalanceException", "COMPENSATION",
                "ROLLED_BACK");
        assertThat(browser.findElement(By.id("failure")).getText())
                .contains("dev.netx.samples.shop.payment.InsufficientBalanceException", "customer c2");
        assertThat(browser.findElements(By.cssSelector("#timeline-picture svg circle"))).hasSizeGreaterThanOrEqualTo(4);
        shot("saga");

        // the payment provider down: an order out of stock is debited, then its refund fails until dead-lettered
        Files.writeString(providerDown, "down");
        Shop.Answer outOfStock = shop.placeOrder("orchestration", order("c3", "p2", 1_000, 50));
        String stuck = outOfStock.text("sagaId");
        assertThat(stuck).isNotBlank();
        browser.get(console + "#/dead-letters");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(wait(By.id("dead-letters")).getText()).contains(stuck);
        });
        browser.get(console + "#/sagas");
        wait(By.id("sagas"));
        shot("sagas");
        browser.get(console + "#/dead-letters");
        assertThat(wait(By.id("dead-letters")).getText()).contains("payment provider unavailable");
        shot("dead-letters");

        // the provider back: the dead letter relayed from the page, confirmed; the saga finishes
        Files.delete(providerDown);
        long balanceBefore = shop.balance("c3");
        browser.findElement(By.xpath("//tr[contains(., '" + stuck + "')]//button[contains(@class, 'relay')]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent()).accept();
        assertThat(wait(By.id("message")).getText()).contains("relayed: 1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(shop.order(outOfStock.text("orderId")).text("status")).isEqualTo("CANCELLED"));
        assertThat(shop.balance("c3")).isEqualTo(balanceBefore + 50);
        browser.get(console + "#/saga/" + stuck);
        assertThat(wait(By.id("timeline")).getText()).contains("DEAD_LETTERED", "RELAYED", "ROLLED_BACK");
    }

    private static void placeSomeOrder(int i) {
        shop.placeOrder(i % 2 == 0 ? "orchestration" : "choreography", order("c" + (4 + i % 6), "p" + (1 + i % 5), 1,
                i % 5 == 0 ? 1_000_000 : 10));
    }

    /** What a line of one of the overview's charts counts over its 15 minutes (the page draws them anew every 2 s). */
    private static long charted(String chart, String series) {
        Object total = ((JavascriptExecutor) browser).executeScript("const line = document.querySelector(arguments[0]"
                + " + ' polyline[data-series=\"' + arguments[1] + '\"]'); return line ? line.dataset.total : '0';",
                chart, series);
        return Long.parseLong(String.valueOf(total));
    }

    private static Map<String, Object> order(String customer, String product, int quantity, long amount) {
        return Map.of("customerId", customer, "productId", product, "quantity", quantity, "amount", amount);
    }

    private static WebElement wait(By element) {
        return new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.visibilityOfElementLocated(element));
    }

    private static void shot(String page) throws IOException {
        Path taken = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(taken, SHOTS.resolve(page + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String chromium() {
        for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
            String found = executableOrNull(name);
            if (found != null) {
                return found;
            }
        }
        throw new IllegalStateException("no Chromium on PATH: install Debian's chromium and chromium-driver "
                + "(.ci/run does)");
    }

    private static String executable(String name) {
        String found = executableOrNull(name);
        if (found == null) {
            throw new IllegalStateException("no " + name + " on PATH: install Debian's chromium-driver (.ci/run does)");
        }
        return found;
    }

    private static String executableOrNull(String name) {
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
