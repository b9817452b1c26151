package dev.custos.scheduler;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication(scanBasePackages = "dev.custos")
public class CustosApplication {
    public static void main(String[] args) {
    }
}
