fn main() {
    println!("async-lower: the tour is coming");
}
