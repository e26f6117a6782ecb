peaksim_validation(test_sS_markov test_sS_markov.cpp sS_optimum.cpp)
target_link_libraries(test_sS_markov PRIVATE Eigen3::Eigen)
