package dev.likes.webtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** One person's headless Chromium (its own profile, so its own localStorage token) looking at the page. */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LIKES_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("LIKES_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String name;
    private final ChromeDriver driver;
    private final Path screenshots;

    private Browser(String name, ChromeDriver driver, Path screenshots) {
        this.name = name;
        this.driver = driver;
        this.screenshots = screenshots;
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static Browser open(String name, Path screenshots) throws IOException {
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // CI runs as root, where Chromium's sandbox cannot start
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1100,800",
                "--user-data-dir=" + Files.createTempDirectory("likes-chromium-" + name));
        var logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        Files.createDirectories(screenshots);
        return new Browser(name, new ChromeDriver(service, options), screenshots);
    }

    void open(String url) {
        driver.get(url);
        until(d -> "true".equals(find(By.tagName("body")).getDomAttribute("data-ready")));
    }

    void signIn(String user) {
        var input = find(By.id("sign-in-user"));
        input.sendKeys(user);
        find(By.cssSelector("#sign-in button[type=submit]")).click();
        until(d -> user.equals(find(By.cssSelector("[data-role=user]")).getText()));
    }

    WebElement post(String postId) {
        return find(By.cssSelector("[data-post-id=\"" + postId + "\"]"));
    }

    WebElement likeButton(String postId) {
        return post(postId).findElement(By.cssSelector("button[data-action=like]"));
    }

    String pressed(String postId) {
        return likeButton(postId).getDomAttribute("aria-pressed");
    }

    String count(String postId) {
        return post(postId).findElement(By.cssSelector("[data-role=count]")).getText();
    }

    String unread() {
        return find(By.cssSelector("[data-role=unread-count]")).getText();
    }

    void awaitCount(String postId, long expected) {
        until(d -> String.valueOf(expected).equals(count(postId)));
    }

    void awaitPressed(String postId, boolean expected) {
        until(d -> String.valueOf(expected).equals(pressed(postId)));
    }

    void awaitUnreadAtLeast(long atLeast) {
        until(d -> unread().matches("\\d+") && Long.parseLong(unread()) >= atLeast);
    }

    void awaitUnread(long expected) {
        until(d -> String.valueOf(expected).equals(unread()));
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    void screenshot(String step) throws IOException {
        Path file = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, screenshots.resolve(name + "-" + step + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Everything the page wrote to the console at error level: script errors, failed loads, CSP violations. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString)
                .toList();
    }

    private void until(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(driver, WAIT).ignoring(RuntimeException.class).until(condition);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
