package dev.slope.examples.train;

/** The measurements of one epoch: the rows of the CSV, the table and the plots. */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy, double lr,
                         double seconds, double samplesPerSecond) {

    static final String CSV_HEADER = "epoch,train_loss,train_accuracy,test_loss,test_accuracy,lr,seconds,samples_per_second";

    String csv() {
        return epoch + "," + trainLoss + "," + trainAccuracy + "," + testLoss + "," + testAccuracy + "," + lr + "," + seconds + ","
                + samplesPerSecond;
    }

    static EpochStats parse(String line) {
        String[] f = line.split(",");
        return new EpochStats(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]));
    }
}
