package dev.slope.examples.train;

/** The measurements of one epoch: the rows of the CSV, the table and the plots. */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy, double lr,
                         double seconds, double samplesPerSecond) {

    static final String CSV_HEADER = "epoch,train_loss,train_accuracy,test_loss,test_accuracy,lr,seconds,samples_per_second";

    String csv() {
        return epoch + "," + trainLoss + "," + trainAccuracy + "," + testLoss + "," + testAccuracy + "," + lr + "," + seconds + ","
                + samplesPerSecond;
    }
}
